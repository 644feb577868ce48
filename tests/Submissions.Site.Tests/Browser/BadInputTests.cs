using Microsoft.Playwright;

namespace Submissions.Site.Tests.Browser;

/// <summary>
/// Each class of bad input shows its error next to the input it is about, with the API's stable code: what the kit
/// refuses before sending (required inputs, unanswered or declined required questions) and what only the API knows
/// (email format, control characters, lengths, a promotion's own field).
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class BadInputTests(BrowserWorld world)
{
    [Fact]
    public async Task Missing_inputs_and_a_declined_required_question_are_shown_at_each_without_sending_anything()
    {
        var page = await world.OpenAsync("registration.html");
        var posts = 0;
        page.Request += (_, request) => posts += request.Method == "POST" ? 1 : 0;
        var form = new SitePage(page, "registration");
        await form.WaitUntilReadyAsync();
        await form.AnswerAsync(labelId => labelId != "terms");

        await form.Submit.ClickAsync();

        Assert.Contains("required", await form.ErrorCodesAsync("registration-email"));
        Assert.Contains("required", await form.ErrorCodesAsync("registration-displayName"));
        Assert.Contains("consent-required", await form.ErrorCodesAsync("registration-consent-terms"));
        await Assertions.Expect(page.Locator("#registration-email")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(0, posts);
        await BrowserWorld.ScreenshotAsync(page, "registration-errors");
    }

    [Fact]
    public async Task What_only_the_API_refuses_comes_back_to_the_right_inputs_with_its_codes()
    {
        var page = await world.OpenAsync("registration.html");
        var form = new SitePage(page, "registration");
        await form.WaitUntilReadyAsync();
        await page.FillAsync("#registration-email", "ada@@example.test");
        await page.FillAsync("#registration-displayName", "Ada\u0007");
        await form.AnswerAsync(_ => true);

        await form.Submit.ClickAsync();

        Assert.Contains("email-format", await form.ErrorCodesAsync("registration-email"));
        Assert.Contains("control-character", await form.ErrorCodesAsync("registration-displayName"));
        await Assertions.Expect(form.Status).ToHaveAttributeAsync("data-status", "400");
        await Assertions.Expect(form.Status).ToHaveAttributeAsync("data-problem-type", "urn:submissions:problem:validation-failed");
        await Assertions.Expect(form.Receipt).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Too_long_text_and_a_too_long_promotion_field_are_refused_at_their_inputs()
    {
        var comment = await world.OpenAsync("comment.html?page=browser-bad-input");
        var commentForm = new SitePage(comment, "comment");
        await commentForm.WaitUntilReadyAsync();
        await comment.FillAsync("#comment-displayName", "Grace");
        // The page's maxlength stops a person at the limit; a page with a stale limit would not, and the API still does.
        await comment.EvalOnSelectorAsync("#comment-text", "input => input.removeAttribute('maxlength')");
        await comment.FillAsync("#comment-text", new string('x', 2001));
        await commentForm.AnswerAsync(_ => true);
        await commentForm.Submit.ClickAsync();
        Assert.Contains("too-long", await commentForm.ErrorCodesAsync("comment-text"));

        var promotion = await world.OpenAsync("promotion.html");
        var promotionForm = new SitePage(promotion, "promotion");
        await promotionForm.WaitUntilReadyAsync();
        await promotion.FillAsync("#promotion-email", "long.answer@example.test");
        await promotion.FillAsync("#promotion-name", "Entrant");
        await promotion.EvalOnSelectorAsync("#promotion-field-answer", "input => input.removeAttribute('maxlength')");
        await promotion.FillAsync("#promotion-field-answer", new string('y', 201));
        await promotionForm.AnswerAsync(_ => true);
        await promotionForm.Submit.ClickAsync();
        Assert.Contains("too-long", await promotionForm.ErrorCodesAsync("promotion-field-answer"));
        await BrowserWorld.ScreenshotAsync(promotion, "promotion-errors");
    }
}
