using System.Text.Json;
using System.Text.Json.Nodes;
using Submissions.Application.Http;
using Submissions.Application.Subjects;

namespace Submissions.Application.PrivacyRequests;

/// <summary>
/// The access bundle a person downloads: the admins' bundle (which holds no subject key, row key or idempotency
/// fingerprint to begin with) less what only operates the service — the delivery ids (outbox and dead-letter ids that
/// name admin routes), wherever a form's section or a disclosure carries them — and less the top-level <c>email</c>,
/// the address the admin asked about, which the request no longer holds by the time of a download (each record that
/// stores the address still shows it). Every form's section stays, empty or not, so an unknown person gets the same shape.
/// </summary>
public static class SelfServiceBundle
{
    /// <summary>The JSON properties left out, wherever they appear.</summary>
    public static IReadOnlySet<string> InternalProperties { get; } = new HashSet<string>(StringComparer.Ordinal) { "deliveryId" };

    public static JsonObject From(AccessBundle bundle)
    {
        var node = JsonSerializer.SerializeToNode(bundle, ApiJson.Options)!.AsObject();
        node.Remove("email");
        Strip(node);

        // Present even when null (the API leaves nulls out): one shape for everybody, known or not.
        if (!node.ContainsKey("registration"))
        {
            node.Insert(1, "registration", null);
        }

        node.TryAdd("lastErasedAt", null);
        return node;
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(property => property.Key).Where(InternalProperties.Contains).ToList())
                {
                    obj.Remove(name);
                }

                foreach (var property in obj)
                {
                    Strip(property.Value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Strip(item);
                }

                break;
        }
    }
}
