using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Submissions.Site.Tests.Browser;

/// <summary>
/// One of the example site's forms, by its id prefix (samples/site/README.md, "Element ids"): what a person does with
/// it — answer each consent question, submit — and what the page shows back.
/// </summary>
internal sealed partial class SitePage(IPage page, string prefix)
{
    public IPage Page => page;

    public ILocator Submit => page.Locator($"#{prefix}-submit");

    public ILocator Status => page.Locator($"#{prefix}-status");

    public ILocator Receipt => page.Locator($"#{prefix}-receipt");

    /// <summary>The form is usable once its labels are loaded: the submit button is enabled then.</summary>
    public async Task WaitUntilReadyAsync()
    {
        await Assertions.Expect(Submit).ToBeEnabledAsync();
        Assert.True(await page.Locator($"#{prefix}-consents input[type=radio]").CountAsync() >= 2, "the form shows its consent questions");

        // A poll's options come from its results read, which may finish after the form is ready (a recount is due).
        if (prefix == "poll")
        {
            await Assertions.Expect(page.Locator("#poll-option-list input[type=radio]").First).ToBeVisibleAsync();
        }
    }

    /// <summary>The label ids of the questions the page shows, from their radios' ids.</summary>
    public async Task<IReadOnlyList<string>> LabelIdsAsync()
    {
        var ids = await page.Locator($"#{prefix}-consents input[type=radio][id$='-yes']").EvaluateAllAsync<string[]>("inputs => inputs.map(input => input.id)");
        return [.. ids.Select(id => id[$"{prefix}-consent-".Length..^"-yes".Length])];
    }

    /// <summary>Clicks yes or no on every question, as <paramref name="grant"/> says for its label.</summary>
    public async Task AnswerAsync(Func<string, bool> grant)
    {
        foreach (var labelId in await LabelIdsAsync())
        {
            await page.Locator($"#{prefix}-consent-{labelId}-{(grant(labelId) ? "yes" : "no")}").CheckAsync();
        }
    }

    /// <summary>Waits for the receipt the page shows after a stored submission; answers its consent receipt id.</summary>
    public async Task<string> ReceiptIdAsync()
    {
        await Assertions.Expect(Receipt).ToBeVisibleAsync();
        var id = (await page.Locator($"#{prefix}-receipt-id").InnerTextAsync()).Trim();
        Assert.Matches(HexId(), id);
        return id;
    }

    /// <summary>The error shown next to a control or question (its id + "-error"), with the codes it carries.</summary>
    public async Task<string[]> ErrorCodesAsync(string controlId)
    {
        var error = page.Locator($"#{controlId}-error");
        await Assertions.Expect(error).ToBeVisibleAsync();
        Assert.False(string.IsNullOrWhiteSpace(await error.InnerTextAsync()), $"#{controlId}-error says what is wrong");
        var described = await page.Locator($"#{controlId}").GetAttributeAsync("aria-describedby") ?? string.Empty;
        Assert.Contains($"{controlId}-error", described.Split(' '));
        return (await error.GetAttributeAsync("data-codes") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex HexId();
}
