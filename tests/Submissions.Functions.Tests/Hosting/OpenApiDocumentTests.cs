using System.Text.Json;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Submissions.Application.Deliveries;
using Submissions.Application.Http;
using Submissions.Application.Notices;
using Submissions.Storage.Notices;
using Submissions.Testing;

namespace Submissions.Functions.Tests.Hosting;

/// <summary>
/// docs/openapi.yaml is held to what the build generated (functions.metadata: routes, methods, names, authorization) and
/// to the JSON the app actually sends partners, so the API description cannot drift from the code unnoticed.
/// </summary>
public sealed class OpenApiDocumentTests
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
        // An operation without parameters or a body (the health probe) has nothing a client can get wrong.
        Assert.All(Operations().Where(operation => operation.Operation.Parameters is { Count: > 0 } || operation.Operation.RequestBody is not null), operation =>
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
    public void A_documented_payload_has_exactly_the_properties_the_app_serializes(string schema)
    {
        // Every optional member is given a value, so the serialized JSON holds every property the type can send.
        object payload = schema switch
        {
            "PartnerLead" => new PartnerLead(
                "lead.created", "delivery", "promotion", "receipt", [new PartnerLeadConsent("label", 1, "receipt")],
                new Dictionary<string, string> { ["email"] = "a@example.test" }, DateTimeOffset.UnixEpoch),
            "ConsentWithdrawnNotice" => PartnerNotice.From(new OwedNotice(Notice(NoticeEntity.ConsentWithdrawn)))!,
            "SubjectErasedNotice" => PartnerNotice.From(new OwedNotice(Notice(NoticeEntity.SubjectErased)))!,
            _ => new ProblemBody("type", "title", 400, "detail", new Dictionary<string, string[]> { ["field"] = ["message"] }, "trace", new Dictionary<string, string[]> { ["field"] = ["invalid"] }),
        };

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(payload, payload.GetType(), ApiJson.Options));
        AssertSameProperties(Document.Components!.Schemas![schema], json.RootElement, schema);
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

    /// <summary>The HTTP functions of functions.metadata, keyed "/route method" as the document's paths are.</summary>
    private static IEnumerable<(string Key, string Name, string AuthLevel)> HttpFunctions() =>
        from function in FunctionsMetadataTests.Functions.Value
        let trigger = FunctionsMetadataTests.TriggerOf(function)
        where trigger.GetProperty("type").GetString() == "httpTrigger"
        from method in trigger.GetProperty("methods").EnumerateArray()
        select ($"/{trigger.GetProperty("route").GetString()} {method.GetString()!.ToLowerInvariant()}",
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
