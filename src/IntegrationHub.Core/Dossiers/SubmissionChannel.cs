namespace IntegrationHub.Core.Dossiers;

/// <summary>How a dossier reached the agency. Online submissions may have their own processing time.</summary>
public enum SubmissionChannel { Online, Counter, Postal }

public static class SubmissionChannels
{
    /// <summary>The wire names: "online", "counter" (trực tiếp), "postal" (bưu chính).</summary>
    public static string ToWire(this SubmissionChannel channel) => channel switch
    {
        SubmissionChannel.Online => "online",
        SubmissionChannel.Counter => "counter",
        SubmissionChannel.Postal => "postal",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public static bool TryParse(string? text, out SubmissionChannel channel)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "online": channel = SubmissionChannel.Online; return true;
            case "counter" or "direct" or "in-person": channel = SubmissionChannel.Counter; return true;
            case "postal" or "post": channel = SubmissionChannel.Postal; return true;
            default: channel = default; return false;
        }
    }
}
