using Submissions.Storage.Deliveries;

namespace Submissions.Storage.Subjects;

/// <summary>Reads a disclosure's delivery id without knowing that it is the row's key.</summary>
public static class DisclosureDeliveries
{
    public static string DeliveryId(this DisclosureEntity disclosure)
    {
        ArgumentNullException.ThrowIfNull(disclosure);
        return disclosure.RowKey;
    }
}
