namespace Submissions.LocalHost;

/// <summary>
/// The local host's own settings (command line: --Settings, --KeysFile, --Port), apart from the app's.
/// </summary>
internal sealed class LocalHostOptions
{
    /// <summary>The app's local.settings.json; its Values become the app's settings, as under func start.</summary>
    public string? Settings { get; set; }

    /// <summary>The git-ignored file holding the function keys; created with random keys on the first run.</summary>
    public string KeysFile { get; set; } = Path.Combine(".local", "host-keys.json");

    /// <summary>The HTTP port on 127.0.0.1; 0 takes a free one. Defaults to local.settings.json's Host.LocalHttpPort, else 7071.</summary>
    public int? Port { get; set; }

    /// <summary>Where functions.metadata and host.json are: the app's build output, copied beside the local host's.</summary>
    public string AppDirectory { get; set; } = AppContext.BaseDirectory;
}
