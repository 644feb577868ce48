namespace Submissions.Application.Retention;

/// <summary>Where a purge runs in a retention run (<see cref="IRetentionPurge.Order"/>).</summary>
public static class RetentionOrder
{
    /// <summary>
    /// First, and cheap: deleting a day's client salt is what makes that day's client keys impossible to recompute, so a
    /// run cut short by long purges still does it.
    /// </summary>
    public const int ClientSalts = 0;

    /// <summary>A form's own records.</summary>
    public const int FormRecords = 100;

    /// <summary>Export jobs and their files: copies made for a download, independent of every other purge.</summary>
    public const int ExportFiles = 500;

    /// <summary>Idempotency records of every form, after the forms' own purges.</summary>
    public const int IdempotencyRecords = 1000;
}
