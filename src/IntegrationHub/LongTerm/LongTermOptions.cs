namespace IntegrationHub.LongTerm;

/// <summary>LongTerm:* (README "Long-term preservation").</summary>
public sealed class LongTermOptions
{
    /// <summary>Off by default: no tasks are written at intake and no recurring job runs.</summary>
    public bool Enabled { get; set; }

    /// <summary>The recurring job: queues renewals due within RenewalMargin and B-LT for passed documents without a task.</summary>
    public string RenewalCron { get; set; } = "17 2 * * *";

    /// <summary>How long before a document's RenewBefore its renewal is queued.</summary>
    public TimeSpan RenewalMargin { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How many documents one run of the recurring job queues at most (the next run takes the rest).</summary>
    public int SweepBatchSize { get; set; } = 500;
}
