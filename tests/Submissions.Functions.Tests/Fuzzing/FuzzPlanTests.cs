namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>The fuzz runs together cover every public endpoint with at least the 10,000 requests issue 8 asks for.</summary>
public sealed class FuzzPlanTests
{
    [Fact]
    public void The_plan_covers_every_public_endpoint_with_at_least_10000_requests()
    {
        Assert.Equal(Enum.GetValues<FuzzEndpoint>().Order(), FuzzPlan.Requests.Keys.Order());
        Assert.True(FuzzPlan.Requests.Values.Sum() >= 10_000, $"{FuzzPlan.Requests.Values.Sum()} requests planned");
    }
}
