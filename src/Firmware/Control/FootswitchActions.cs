using GruPedalPi.Firmware.Bindings;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Hardware.Controls;
using GruPedalPi.Hardware.Gpio;

namespace GruPedalPi.Firmware.Control;

/// <summary>
/// The footswitches of a <see cref="ControlSurface"/> and what their gestures do: each one's input, debouncer and
/// tap/hold bindings, and the actions (bypass, tuner, next/previous preset, a named preset, a set-list position) they
/// turn into on the pedal. A preset a gesture loads is handed back to the surface (LED blink, knob pickup, the
/// preset's expression mapping).
/// <para>Threading: <see cref="Update"/> on the control thread only (the gestures fire from it); the inputs' GPIO
/// callbacks only queue edges and wake the loop. Allocation-free in steady state.</para>
/// </summary>
internal sealed class FootswitchActions
{
    private readonly ControlSurface _surface;
    private readonly IPedalControl _pedal;
    private readonly IPresetNavigator _navigator;
    private readonly Switch[] _switches;
    private long _lastTickUs;

    /// <summary>Builds one debouncer per input and makes each input wake the control loop.</summary>
    /// <param name="surface">The surface the loaded presets are handed to.</param>
    /// <param name="footswitches">The footswitch inputs, one per <paramref name="bindings"/> entry (same order); empty for none.</param>
    /// <param name="bindings">The footswitches' gestures (at least as many as <paramref name="footswitches"/>).</param>
    /// <param name="pedal">What the gestures change.</param>
    /// <param name="navigator">The set list the preset actions step through.</param>
    /// <param name="wake">Wakes the control loop (called from the GPIO callbacks).</param>
    public FootswitchActions(ControlSurface surface, IReadOnlyList<FootswitchInput> footswitches, IReadOnlyList<FootswitchBinding> bindings,
        IPedalControl pedal, IPresetNavigator navigator, Action wake)
    {
        _surface = surface;
        _pedal = pedal;
        _navigator = navigator;
        _switches = new Switch[footswitches.Count];
        for (var i = 0; i < _switches.Length; i++)
        {
            _switches[i] = new Switch(this, footswitches[i], bindings[i]);
            footswitches[i].Wake = wake;
        }
    }

    /// <summary>Number of footswitches.</summary>
    public int Count => _switches.Length;

    /// <summary>The tuner the action <c>tuner</c> engages and leaves, or null: the action then does nothing.</summary>
    public ITunerControl? Tuner { get; set; }

    /// <summary>True while footswitch <paramref name="index"/> (0..<see cref="Count"/>-1) is (debounced) down.</summary>
    public bool IsPressed(int index) => _switches[index].Logic.IsPressed;

    /// <summary>Feeds every footswitch's queued edges to its debouncer and advances it to <paramref name="nowUs"/>
    /// (microseconds on the surface's clock): the gestures it recognises act at once. Control thread only.</summary>
    /// <param name="nowUs">The tick's time, microseconds since the surface started.</param>
    public void Update(long nowUs)
    {
        _lastTickUs = nowUs;
        foreach (var sw in _switches)
        {
            var edges = sw.Input.Edges;
            while (edges.TryDequeue(out var ts, out var high))
            {
                sw.Logic.OnEdge(_surface.ToMicroseconds(ts), !high);
            }

            sw.Logic.Update(nowUs);
        }
    }

    /// <summary>Stops the inputs waking the control loop.</summary>
    public void Detach()
    {
        foreach (var sw in _switches)
        {
            sw.Input.Wake = null;
        }
    }

    private void Act(in FootswitchGesture gesture, long nowUs)
    {
        PresetStep step;
        switch (gesture.Action)
        {
            case FootswitchAction.Bypass:
                _pedal.SetBypass(!_pedal.Bypassed, ControlSource.Footswitch);
                return;
            case FootswitchAction.Tuner when Tuner is { } tuner:
                tuner.SetEngaged(!tuner.Engaged, ControlSource.Footswitch);
                return;
            case FootswitchAction.NextPreset when _navigator.TryStepNext(out step):
            case FootswitchAction.PreviousPreset when _navigator.TryStepPrevious(out step):
            case FootswitchAction.Preset when _navigator.TryFind(gesture.Preset!, out step):
            case FootswitchAction.SetList when _navigator.TryGoTo(gesture.Position, out step):
                _pedal.LoadPreset(step.Name, step.Settings, ControlSource.Footswitch);
                _surface.Loaded(step, nowUs);
                return;
        }
    }

    /// <summary>One footswitch: its input, debouncer and gestures. With the tap on the press and a hold action, a bypass
    /// tap is undone when the press becomes a hold (the old behaviour); with the tap on the release, a hold never passes
    /// through the tap's state.</summary>
    private sealed class Switch : IFootswitchHandler
    {
        private readonly FootswitchActions _actions;
        private readonly FootswitchBinding _binding;
        private bool _bypassBeforePress;
        private bool _tapDone;

        public Switch(FootswitchActions actions, FootswitchInput input, FootswitchBinding binding)
        {
            _actions = actions;
            _binding = binding;
            Input = input;
            Logic = new FootswitchLogic(binding.DebounceMs, binding.HoldMs, this, input.ReadPressed());
        }

        public FootswitchInput Input { get; }

        public FootswitchLogic Logic { get; }

        public void OnPress(long timeUs)
        {
            _bypassBeforePress = _actions._pedal.Bypassed;
            _tapDone = false;
            if (_binding.TapOnPress && _binding.Tap.Action != FootswitchAction.None)
            {
                // On the press: timing matters on stage.
                _actions.Act(_binding.Tap, Math.Max(timeUs, _actions._lastTickUs));
                _tapDone = true;
            }
        }

        public void OnHold(long timeUs)
        {
            if (_binding.Hold.Action == FootswitchAction.None)
            {
                return;
            }

            var pedal = _actions._pedal;
            if (_tapDone && _binding.Tap.Action == FootswitchAction.Bypass)
            {
                pedal.SetBypass(_bypassBeforePress, ControlSource.Footswitch); // a tap on the press, undone by the hold
            }

            if (_binding.Hold.Action == FootswitchAction.Bypass)
            {
                pedal.SetBypass(!_bypassBeforePress, ControlSource.Footswitch);
            }
            else
            {
                _actions.Act(_binding.Hold, Math.Max(timeUs, _actions._lastTickUs));
            }
        }

        public void OnRelease(long timeUs, bool wasHold)
        {
            if (wasHold || _tapDone)
            {
                return;
            }

            _actions.Act(_binding.Tap, Math.Max(timeUs, _actions._lastTickUs));
        }
    }
}
