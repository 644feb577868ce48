using Submissions.Domain.Consent;

namespace Submissions.Domain.Tests.Consent;

internal static class Labels
{
    public static ConsentLabel Make(string id, int version = 1, bool required = false, string purpose = ConsentPurpose.Terms,
        string status = ConsentLabelStatus.Active, string[]? forms = null, string text = "Text") =>
        new(id, version, purpose, text, required, forms ?? ["registration"], ["email"], null, status, DateTimeOffset.UnixEpoch);

    public static ConsentAnswerInput Answer(string id, int version = 1, bool? granted = true) => new(id, version, granted);
}
