using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Submissions.LocalHost.Http;
using Submissions.LocalHost.Invocation;
using Submissions.LocalHost.Metadata;

namespace Submissions.LocalHost.Tests.Http;

/// <summary>What the host does before the worker sees a request, observed at the function's door.</summary>
public sealed class HttpFunctionEndpointTests
{
    private static readonly FunctionKeys Keys = new(new string('d', 43), new string('m', 43));

    private static HttpFunctionRoutes Routes { get; } =
        new(FunctionsMetadataFile.Load(Path.Combine(AppContext.BaseDirectory, FunctionsMetadataFile.FileName)), "api");

    [Fact]
    public async Task The_function_sees_the_connections_address_and_no_X_Forwarded_For_and_other_headers_unchanged()
    {
        InvocationInput? seen = null;
        var endpoint = new HttpFunctionEndpoint(Routes, Keys, (_, input, _) =>
        {
            seen = input;
            return Task.CompletedTask;
        }, NullLogger<HttpFunctionEndpoint>.Instance);
        var http = Request("POST", "/api/registrations");
        http.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.10");
        http.Request.Headers["X-Forwarded-For"] = "203.0.113.9, 198.51.100.1";
        http.Request.Headers["X-Client-IP"] = "203.0.113.9";

        await endpoint.InvokeAsync(http);

        Assert.NotNull(seen);
        Assert.False(seen.Http!.Request.Headers.ContainsKey("X-Forwarded-For"));
        Assert.Equal("203.0.113.9", seen.Http.Request.Headers["X-Client-IP"]);
        Assert.Equal(IPAddress.Parse("192.0.2.10"), seen.Http.Connection.RemoteIpAddress);
    }

    [Fact]
    public async Task Route_values_reach_the_function_by_name_and_routes_match_case_insensitively()
    {
        IReadOnlyDictionary<string, string?>? values = null;
        FunctionEntry? function = null;
        var endpoint = new HttpFunctionEndpoint(Routes, Keys, (entry, input, _) =>
        {
            (function, values) = (entry, input.NamedValues);
            return Task.CompletedTask;
        }, NullLogger<HttpFunctionEndpoint>.Instance);

        await endpoint.InvokeAsync(Request("POST", "/API/Promotions/summer-2027/Entries"));

        Assert.Equal("EnterPromotion", function?.Name);
        Assert.Equal("summer-2027", values?["promotionId"]);
    }

    [Fact]
    public async Task A_function_that_throws_before_answering_is_an_empty_500()
    {
        var endpoint = new HttpFunctionEndpoint(Routes, Keys, (_, _, _) => throw new InvalidOperationException("a value"), NullLogger<HttpFunctionEndpoint>.Instance);
        var http = Request("GET", "/api/health");

        await endpoint.InvokeAsync(http);

        Assert.Equal(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
        Assert.Equal(0, http.Response.Body.Length);
    }

    private static DefaultHttpContext Request(string method, string path)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = path;
        http.Response.Body = new MemoryStream();
        return http;
    }
}
