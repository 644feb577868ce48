using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Exports;

/// <summary>
/// CSV that a spreadsheet cannot turn into a formula, and that an RFC 4180 reader reads back exactly: every text cell
/// starting with '=', '+', '-', '@', tab or CR gets a leading single quote; commas, quotes, line breaks and any Unicode
/// survive quoting. NDJSON carries the same values untouched.
/// </summary>
public sealed class CsvSafetyTests(AzuriteFixture azurite)
{
    public static TheoryData<string> FormulaStarts { get; } = ["=HYPERLINK(\"http://evil.test\",\"x\")", "+1+2", "-2+3", "@SUM(A1:A2)", "\tindented", "\rcarriage", "=1,2\r\n\"x\""];

    [Theory]
    [MemberData(nameof(FormulaStarts))]
    public async Task A_cell_that_could_start_a_formula_is_neutralised_in_names_texts_and_promotion_fields(string value)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var at = app.Time.GetUtcNow();
        await ExportRows.AddAsync(app.Tables.Comments, [ExportRows.Comment(CommentForms.NewPageId(), at, value, value)]);
        await ExportRows.AddAsync(app.Tables.Promotions, [ExportRows.Entry(PromotionForms.DemoPromotion, at, value, new Dictionary<string, string> { ["answer"] = value })]);

        var comment = Assert.Single((await app.ExportAsync("comments", "csv")).Rows("csv"));
        var entry = Assert.Single((await app.ExportAsync("promotion-entries", "csv")).Rows("csv"));

        Assert.Equal("'" + value, comment["displayName"]);
        Assert.Equal("'" + value, comment["text"]);
        Assert.Equal("'" + value, entry["name"]);
        Assert.Equal("'" + value, entry["fields.answer"]);

        var json = Assert.Single((await app.ExportAsync("comments", "ndjson")).Rows("ndjson"));
        Assert.Equal(value, json["text"]);
    }

    public static TheoryData<string> Awkward { get; } =
    [
        "Smith, John", "She said \"hi\"", "\"", "two\nlines", "two\r\nlines", "trailing\r", "Zoë Ångström", "山田 太郎", "emoji 🎉👩‍💻", "עברית", "a,\"b\"\r\n,c", "semi;colon;=1+1", string.Empty,
    ];

    [Theory]
    [MemberData(nameof(Awkward))]
    public async Task Commas_quotes_line_breaks_and_unicode_read_back_exactly(string value)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await ExportRows.AddAsync(app.Tables.Comments, [ExportRows.Comment(CommentForms.NewPageId(), app.Time.GetUtcNow(), value, "text: " + value)]);

        foreach (var format in new[] { "csv", "ndjson" })
        {
            var row = Assert.Single((await app.ExportAsync("comments", format)).Rows(format));
            Assert.Equal(value, row["displayName"]);
            Assert.Equal("text: " + value, row["text"]);
        }
    }

    [Fact]
    public async Task Quoting_follows_RFC_4180_byte_for_byte()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await ExportRows.AddAsync(app.Tables.Comments, [ExportRows.Comment("page-quoting", app.Time.GetUtcNow(), "a \"b\", c", "-x")]);

        var body = (await app.ExportAsync("comments", "csv")).Body;

        Assert.Contains(",\"a \"\"b\"\", c\",true,\"'-x\",", body, StringComparison.Ordinal);
    }

    public static TheoryData<string> HiddenFormulas { get; } = [" =1+1", "\n=1+1", "  @SUM(A1)", "\uFF1D1+1", "\uFF0B1", "\u22121+1", "\u200B=1+1", "\uFEFF@SUM(A1)"];

    [Theory]
    [MemberData(nameof(HiddenFormulas))]
    public async Task A_formula_behind_leading_whitespace_or_a_full_width_sign_is_neutralised_too(string value)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await ExportRows.AddAsync(app.Tables.Comments, [ExportRows.Comment(CommentForms.NewPageId(), app.Time.GetUtcNow(), "name", value)]);

        var row = Assert.Single((await app.ExportAsync("comments", "csv")).Rows("csv"));

        Assert.Equal("'" + value, row["text"]);
    }

    /// <summary>
    /// Issue 14, defect 15: the minus sign, the small-form and full-width signs, and a formula behind invisible format
    /// characters (Unicode Cf) were written as they were.
    /// </summary>
    public static TheoryData<string> LookAlikeAndInvisiblePrefixes { get; } =
    [
        "\u22121+1", "\uFE621+1", "\uFE631+1", "\uFE661+1", "\uFE6BSUM(A1)", "\uFF0B1+1", "\uFF0D1+1", "\uFF1D1+1", "\uFF20SUM(A1)",
        "\u200B=1+1", "\uFEFF=1+1", "\u00AD-1+1", "\u2060+1", "\u200E=1", "\u200F@SUM(A1)", "\u202E=1", "\u2066=1",
        " \u200B \uFEFF=1+1", "\U000E0001=1+1",
    ];

    [Theory]
    [MemberData(nameof(LookAlikeAndInvisiblePrefixes))]
    public void A_formula_sign_look_alike_or_one_behind_invisible_characters_is_neutralised(string value)
    {
        Assert.Equal("\"'" + value + "\"", Submissions.Application.Exports.CsvCell.Encode(value));
    }

    [Theory]
    [InlineData("\u200Bplain")]
    [InlineData("a=1")]
    [InlineData("1-2")]
    public void Invisible_characters_before_ordinary_text_change_nothing(string value)
    {
        Assert.Equal("\"" + value + "\"", Submissions.Application.Exports.CsvCell.Encode(value));
    }
}
