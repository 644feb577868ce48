using Submissions.Cli.Output;

namespace Submissions.Cli.Exports;

/// <summary>
/// The files of one export: the output, written as {output}.partial until complete and then renamed (so a file under
/// the final name is always whole), and the resume state {output}.partial.json.
/// </summary>
internal sealed record ExportFiles(string Output)
{
    public string Partial => Output + ".partial";

    public string State => Output + ".partial.json";

    /// <summary>The complete file takes its final name; the resume state goes.</summary>
    public void Complete(bool overwrite)
    {
        PrivateFile.RefuseLink(Output);
        File.Move(Partial, Output, overwrite);
        File.Delete(State);
    }
}
