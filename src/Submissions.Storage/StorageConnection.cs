namespace Submissions.Storage;

/// <summary>The one named connection for app data: the storage clients and the queue triggers' Connection both read it.</summary>
public static class StorageConnection
{
    public const string Name = "SubmissionsStorage";
}
