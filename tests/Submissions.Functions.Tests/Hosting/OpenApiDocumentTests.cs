using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Submissions.Application.Deliveries;
using Submissions.Application.Exports;
using Submissions.Application.Http;
using Submissions.Application.Notices;
using Submissions.Application.Statistics;
using Submissions.Domain.Statistics;
using Submissions.Domain.Validation;
using Submissions.Storage.Exports;
using Submissions.Storage.Notices;
using Submissions.Testing;

namespace Submissions.Functions.Tests.Hosting;

/// <summary>
/// docs/openapi.yaml is held to what the build generated (functions.metadata: routes, methods, names, authorization) and
/// to the JSON the app actually sends partners, so the API description cannot drift from the code unnoticed.
/// </summary>
public sealed partial class OpenApiDocumentTests
{
    private static readonly string[] AdminSchemes = ["appServiceAuthentication", "functionKey"];
    private static readonly string[] WebhookHeaders = ["webhook-id", "webhook-signature", "webhook-timestamp"];

    private static readonly Lazy<ReadResult> Read = new(Load);

    private static OpenApiDocument Document => Read.Value.Document!;

    [Fact]
    public void The_document_is_valid_OpenAPI_3_1_without_errors_or_warnings()
    {
        var diagnostic = Read.Value.Diagnostic!;

        var problems = diagnostic.Errors.Concat(diagnostic.Warnings).Select(problem => $"{problem.Pointer}: {problem.Message}").ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.NotNull(Read.Value.Document);
    }

    [Fact]
    public void Paths_and_methods_are_exactly_the_http_functions_with_their_names_as_operation_ids()
    {
        var built = HttpFunctions().ToDictionary(function => function.Key, function => function.Name);
        var documented = Operations().ToDictionary(operation => operation.Key, operation => operation.Operation.OperationId);

        var missing = built.Keys.Except(documented.Keys).Order(StringComparer.Ordinal).ToList();
        var extra = documented.Keys.Except(built.Keys).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"Built but not documented: [{string.Join(", ", missing)}]; documented but not built: [{string.Join(", ", extra)}].");
        Assert.All(built, function => Assert.Equal($"{function.Key} {function.Value}", $"{function.Key} {documented[function.Key]}"));
    }

    [Fact]
    public void Every_path_parameter_is_declared_by_each_operation_of_its_path()
    {
        Assert.All(Operations(), operation =>
        {
            var inPath = operation.Key.Split(' ')[0].Split('/').Where(segment => segment.StartsWith('{')).Select(segment => segment.Trim('{', '}'));
            var declared = (operation.Operation.Parameters ?? []).Where(parameter => parameter.In == ParameterLocation.Path && parameter.Required).Select(parameter => parameter.Name!);
            Assert.Equal($"{operation.Key}: {string.Join(", ", inPath.Order(StringComparer.Ordinal))}", $"{operation.Key}: {string.Join(", ", declared.Order(StringComparer.Ordinal))}");
        });
    }

    [Fact]
    public void Manage_operations_require_the_function_key_and_the_admin_principal_and_anonymous_ones_nothing()
    {
        var documented = Operations().ToDictionary(operation => operation.Key, operation => operation.Operation);

        Assert.All(HttpFunctions(), function =>
        {
            var security = documented[function.Key].Security;
            Assert.NotNull(security);
            if (function.AuthLevel == "Function")
            {
                var requirement = Assert.Single(security);
                Assert.Equal(AdminSchemes, requirement.Keys.Select(scheme => scheme.Reference.Id).Order(StringComparer.Ordinal));
            }
            else
            {
                Assert.Equal("Anonymous", function.AuthLevel);
                Assert.Empty(security);
            }
        });
    }

    [Fact]
    public void Every_operation_that_takes_input_documents_a_client_error_as_problem_json()
    {
        // An operation without parameters or a body (the health probe) has nothing a client can get wrong, nor has a
        // CORS preflight: any OPTIONS is answered 204, with or without the allow headers.
        Assert.All(Operations().Where(operation => !operation.Key.EndsWith(" options", StringComparison.Ordinal)
            && (operation.Operation.Parameters is { Count: > 0 } || operation.Operation.RequestBody is not null)), operation =>
            Assert.Contains(operation.Operation.Responses!, response =>
                response.Key.StartsWith('4') && response.Value.Content?.ContainsKey("application/problem+json") == true));
    }

    [Fact]
    public void Every_webhook_documents_the_Standard_Webhooks_headers()
    {
        Assert.NotEmpty(Document.Webhooks!);
        Assert.All(Document.Webhooks!, webhook =>
        {
            var post = webhook.Value.Operations![HttpMethod.Post];
            var headers = post.Parameters!.Where(parameter => parameter.In == ParameterLocation.Header && parameter.Required).Select(parameter => parameter.Name!);
            Assert.Equal(WebhookHeaders, headers.Order(StringComparer.Ordinal));
        });
    }

    [Theory]
    [InlineData("PartnerLead")]
    [InlineData("ConsentWithdrawnNotice")]
    [InlineData("SubjectErasedNotice")]
    [InlineData("ValidationProblemDetails")]
    [InlineData("Statistics")]
    [InlineData("ExportJob")]
    public void A_documented_payload_has_exactly_the_properties_the_app_serializes(string schema)
    {
        // Every optional member is given a value, so the serialized JSON holds every property the type can send.
        object payload = schema switch
        {
            "PartnerLead" => new PartnerLead(
                "lead.created", "delivery", "promotion", "receipt", [new PartnerLeadConsent("label", 1, "receipt", new string('0', 64))],
                new Dictionary<string, string> { ["email"] = "a@example.test" }, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, new Uri("https://example.test/api/opt-out?token=t")),
            "ConsentWithdrawnNotice" => PartnerNotice.From(new OwedNotice(Notice(NoticeEntity.ConsentWithdrawn)))!,
            "SubjectErasedNotice" => PartnerNotice.From(new OwedNotice(Notice(NoticeEntity.SubjectErased)))!,
            "Statistics" => StatisticsResponse.Of(Report(), [new DateOnly(2026, 11, 2)]),
            "ExportJob" => ExportJobView.Of(new ExportJob(
                ExportJobIds.New(), "comments", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), "csv", "function-key", ExportJobStatus.Succeeded,
                DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1, "export-failed", 1)),
            _ => new ProblemBody("type", "title", 400, "detail", new Dictionary<string, string[]> { ["field"] = ["message"] }, "trace", new Dictionary<string, string[]> { ["field"] = ["invalid"] }),
        };

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(payload, payload.GetType(), ApiJson.Options));
        AssertSameProperties(Document.Components!.Schemas![schema], json.RootElement, schema);
    }

    [Fact]
    public void Every_problem_type_is_in_the_document_and_in_docs_problems_and_nothing_else_is()
    {
        var types = ConstantsOf(typeof(ProblemTypes)).Where(value => value != ProblemTypes.Prefix).ToList();

        Assert.Contains(ProblemTypes.RateLimited, types);
        Assert.All(types, type => Assert.StartsWith(ProblemTypes.Prefix, type, StringComparison.Ordinal));
        Assert.Equal(types.Order(StringComparer.Ordinal), EnumOf("ProblemType").Order(StringComparer.Ordinal));
        Assert.Equal(types.Order(StringComparer.Ordinal), ProblemsTableColumn("## Problem types").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_field_error_code_is_in_the_document_and_in_docs_problems_and_nothing_else_is()
    {
        var codes = ConstantsOf(typeof(FieldErrorCodes)).ToList();

        Assert.Contains(FieldErrorCodes.ConsentVersionRetired, codes);
        Assert.Equal(codes.Order(StringComparer.Ordinal), EnumOf("FieldErrorCode").Order(StringComparer.Ordinal));
        Assert.Equal(codes.Order(StringComparer.Ordinal), ProblemsTableColumn("## Field error codes").Order(StringComparer.Ordinal));
        Assert.Equal("FieldErrorCode", ((OpenApiSchemaReference)CodesOf(Document.Components!.Schemas!["ValidationProblemDetails"]).AdditionalProperties!.Items!).Reference.Id);
    }

    [Fact]
    public void Every_problem_the_source_creates_names_its_type_from_ProblemTypes()
    {
        // Problems' own helpers each pass a ProblemTypes constant; callers that choose a kind must too, so no type can
        // be emitted that the two tests above have not seen.
        var calls = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => ProblemCreation().Matches(File.ReadAllText(file))
                .Where(match => match.Groups["problems"].Success || Path.GetFileName(file) == "Problems.cs")
                .Select(match => (File: Path.GetFileName(file), Argument: match.Groups["type"].Value)))
            .ToList();

        Assert.Contains(calls, call => call.File == "Problems.cs");
        Assert.Contains(calls, call => call.File == "EnterPromotionHandler.cs");
        Assert.All(calls, call => Assert.True(call.Argument.StartsWith("ProblemTypes.", StringComparison.Ordinal) || call.Argument == "type", $"{call.File}: {call.Argument}"));
    }

    private static IEnumerable<string> ConstantsOf(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!);

    private static IEnumerable<string> EnumOf(string schema) =>
        Document.Components!.Schemas![schema].Enum!.Select(value => value!.GetValue<string>());

    private static IOpenApiSchema CodesOf(IOpenApiSchema validationProblem) =>
        validationProblem.AllOf!.Select(part => part.Properties).Single(properties => properties?.ContainsKey("codes") == true)!["codes"];

    /// <summary>The first column of the table under a heading of docs/problems.md, without its backticks.</summary>
    private static IEnumerable<string> ProblemsTableColumn(string heading)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "problems.md"));
        var section = text[text.IndexOf(heading, StringComparison.Ordinal)..];
        var next = section.IndexOf("\n## ", heading.Length, StringComparison.Ordinal);
        return TableFirstCell().Matches(next < 0 ? section : section[..next]).Select(match => match.Groups["value"].Value);
    }

    [GeneratedRegex(@"^\| `(?<value>[^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableFirstCell();

    /// <summary>A call (not the declaration) of Create or Conflict; outside Problems.cs only as Problems.Create/Conflict.</summary>
    [GeneratedRegex(@"(?<!ApiResult )(?<problems>Problems\.)?\b(?:Create|Conflict)\(\s*(?<type>[A-Za-z.]+)")]
    private static partial Regex ProblemCreation();

    /// <summary>A report with one of everything, every count published.</summary>
    private static StatisticsReport Report()
    {
        var day = new DateOnly(2026, 11, 1);
        var series = new DailySeries("comment", [new DayCount(day, 12)], 12);
        return new StatisticsReport(
            day,
            day.AddDays(2),
            10,
            [series],
            series with { Name = "withdrawals" },
            [new PollTotals("poll", [new OptionTotal("red", 12)], 12)],
            [new PromotionTotals("promotion", 20, 10, new Dictionary<string, long?> { ["owed"] = 10, ["delivered"] = 10, ["withdrawn"] = 10, ["failed"] = 10 })],
            [new ConsentRate("terms", 10, 10, 20, 0.5)]);
    }

    private static NoticeEntity Notice(string type) =>
        new() { Type = type, RowKey = "notice", DeliveryIds = "delivery", Labels = "label:1", OccurredAt = DateTimeOffset.UnixEpoch };

    /// <summary>Object properties by name, level by level (allOf included); maps without declared properties are not compared.</summary>
    private static void AssertSameProperties(IOpenApiSchema schema, JsonElement json, string path)
    {
        if (json.ValueKind == JsonValueKind.Array && schema.Items is { } items)
        {
            foreach (var element in json.EnumerateArray())
            {
                AssertSameProperties(items, element, path + "[]");
            }

            return;
        }

        var properties = PropertiesOf(schema);
        if (json.ValueKind != JsonValueKind.Object || properties.Count == 0)
        {
            return;
        }

        var serialized = json.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal);
        Assert.Equal($"{path}: {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))}", $"{path}: {string.Join(", ", serialized)}");
        foreach (var property in json.EnumerateObject())
        {
            AssertSameProperties(properties[property.Name], property.Value, $"{path}.{property.Name}");
        }
    }

    private static Dictionary<string, IOpenApiSchema> PropertiesOf(IOpenApiSchema schema) =>
        (schema.AllOf ?? []).SelectMany(part => PropertiesOf(part))
            .Concat(schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            .ToDictionary(property => property.Key, property => property.Value, StringComparer.Ordinal);

    /// <summary>
    /// The HTTP functions of functions.metadata, keyed "/route method" as the document's paths are. OpenAPI has no
    /// catch-all parameter: the route {*path} is documented as the path /{path}.
    /// </summary>
    private static IEnumerable<(string Key, string Name, string AuthLevel)> HttpFunctions() =>
        from function in FunctionsMetadataTests.Functions.Value
        let trigger = FunctionsMetadataTests.TriggerOf(function)
        where trigger.GetProperty("type").GetString() == "httpTrigger"
        from method in trigger.GetProperty("methods").EnumerateArray()
        select ($"/{trigger.GetProperty("route").GetString()!.Replace("{*", "{", StringComparison.Ordinal)} {method.GetString()!.ToLowerInvariant()}",
            function.GetProperty("name").GetString()!,
            trigger.GetProperty("authLevel").GetString()!);

    private static IEnumerable<(string Key, OpenApiOperation Operation)> Operations() =>
        from path in Document.Paths
        from operation in path.Value.Operations ?? []
        select ($"{path.Key} {operation.Key.Method.ToLowerInvariant()}", operation.Value);

    private static ReadResult Load()
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        return OpenApiDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "openapi.yaml")), OpenApiConstants.Yaml, settings);
    }
}
