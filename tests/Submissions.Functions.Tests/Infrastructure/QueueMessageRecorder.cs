using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>
/// An Azure SDK pipeline policy that keeps the text of every queue message the app sends (decoded from its Base64),
/// so a test app can prove at the end that no message carried a submitted personal value.
/// </summary>
public sealed partial class QueueMessageRecorder : HttpPipelineSynchronousPolicy
{
    public ConcurrentBag<string> Sent { get; } = [];

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = message.Request;
        if (request.Method != RequestMethod.Post || !request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal) || request.Content is null)
        {
            return;
        }

        using var buffer = new MemoryStream();
        request.Content.WriteTo(buffer, CancellationToken.None);
        var xml = Encoding.UTF8.GetString(buffer.ToArray());
        var text = MessageText().Match(xml) is { Success: true } match ? match.Groups[1].Value : xml;
        try
        {
            Sent.Add(Encoding.UTF8.GetString(Convert.FromBase64String(text)));
        }
        catch (FormatException)
        {
            Sent.Add(text);
        }
    }

    [GeneratedRegex("<MessageText>(.*)</MessageText>", RegexOptions.Singleline)]
    private static partial Regex MessageText();
}
