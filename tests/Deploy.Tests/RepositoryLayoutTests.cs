namespace GruPedalPi.Deploy.Tests;

public sealed class RepositoryLayoutTests
{
    [Fact]
    public void The_repository_has_a_deploy_folder_and_a_systemd_folder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GruPedalPi.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        Assert.True(Directory.Exists(Path.Combine(dir!.FullName, "deploy")));
        Assert.True(Directory.Exists(Path.Combine(dir.FullName, "systemd")));
    }
}
