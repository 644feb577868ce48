using System.Text.Json;
using Microsoft.Playwright;

namespace Submissions.Site.Tests.Browser;

/// <summary>
/// Every form completed with the keyboard alone: Tab from the top of the page, type into the inputs the form needs,
/// Space to answer each question yes (and to choose a poll option), Enter on the submit button — never a click.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class KeyboardTests(BrowserWorld world)
{
    public static TheoryData<string, string> Forms => new()
    {
        { "registration.html", "registration" },
        { "comment.html?page=browser-keyboard", "comment" },
        { "poll.html", "poll" },
        { "promotion.html", "promotion" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_form_can_be_completed_and_sent_with_the_keyboard_alone(string path, string prefix)
    {
        var page = await world.OpenAsync(path);
        var form = new SitePage(page, prefix);
        await form.WaitUntilReadyAsync();
        var candidates = new Dictionary<string, string>
        {
            [$"{prefix}-email"] = $"keys.{Guid.NewGuid():N}@example.test",
            [$"{prefix}-displayName"] = "Keys",
            [$"{prefix}-name"] = "Keys",
            [$"{prefix}-text"] = "Written without a mouse.",
            [$"{prefix}-field-answer"] = "Tab, type, Space, Enter",
        };
        var typed = new Dictionary<string, string>();
        foreach (var (id, text) in candidates)
        {
            if (await page.Locator($"#{id}").CountAsync() > 0)
            {
                typed[id] = text;
            }
        }

        for (var press = 0; press < 120; press++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await FocusedAsync(page);
            if (focused.Id == $"{prefix}-submit")
            {
                await page.Keyboard.PressAsync("Enter");
                break;
            }

            if (typed.Remove(focused.Id, out var text))
            {
                await page.Keyboard.TypeAsync(text);
            }
            else if (focused.Type == "radio" && !focused.GroupAnswered && (focused.Id.EndsWith("-yes", StringComparison.Ordinal) || focused.Id.StartsWith($"{prefix}-option-", StringComparison.Ordinal)))
            {
                await page.Keyboard.PressAsync("Space");
            }
        }

        await form.ReceiptIdAsync();
        Assert.Empty(typed);
    }

    private sealed record Focused(string Id, string Type, bool GroupAnswered);

    private static async Task<Focused> FocusedAsync(IPage page)
    {
        var focused = await page.EvaluateAsync<JsonElement>("""
            () => {
              const element = document.activeElement;
              const group = element && element.type === 'radio' && element.name
                ? [...document.getElementsByName(element.name)].some(radio => radio.checked) : false;
              return { id: element?.id ?? '', type: element?.type ?? '', groupAnswered: group };
            }
            """);
        return new Focused(focused.GetProperty("id").GetString()!, focused.GetProperty("type").GetString()!, focused.GetProperty("groupAnswered").GetBoolean());
    }
}
