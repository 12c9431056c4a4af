// Each test class boots its own guest: one at a time, on a 2-core machine whose guests run under emulation.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
