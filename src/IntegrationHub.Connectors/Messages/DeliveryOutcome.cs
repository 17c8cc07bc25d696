namespace IntegrationHub.Connectors.Messages;

public enum DeliveryResult { Delivered, Failed, CircuitOpen }

/// <summary>What a failure means for the next step: retry (transient, authentication) or dead letter (validation, not found).</summary>
public enum FailureClass { None, Authentication, Validation, NotFound, Transient }

/// <summary>Anything a connector call returns that the resilience pipeline must judge.</summary>
public interface IClassifiedResult
{
    FailureClass FailureClass { get; }
}

/// <summary>The result of delivering one message.</summary>
public sealed record DeliveryOutcome(
    DeliveryResult Result, FailureClass FailureClass, string? Receipt, bool Duplicate,
    string? ErrorCode, string? Error, TimeSpan? RetryAfter) : IClassifiedResult
{
    public static DeliveryOutcome Delivered(string? receipt, bool duplicate) =>
        new(DeliveryResult.Delivered, FailureClass.None, receipt, duplicate, null, null, null);

    public static DeliveryOutcome Failed(FailureClass failure, string? code, string? error) =>
        new(DeliveryResult.Failed, failure, null, false, code, error, null);

    /// <summary>Not attempted: the system's circuit is open. Costs no attempt.</summary>
    public static DeliveryOutcome CircuitOpen(TimeSpan? retryAfter) =>
        new(DeliveryResult.CircuitOpen, FailureClass.Transient, null, false, "CIRCUIT_OPEN", "circuit open", retryAfter);

    /// <summary>Validation refusals and unknown procedures will fail the same way every time: dead letter at once.</summary>
    public bool IsPermanent => Result == DeliveryResult.Failed && FailureClass is FailureClass.Validation or FailureClass.NotFound;
}

/// <summary>A status read from a system that is polled (planning-investment).</summary>
public sealed record PulledStatus(
    FailureClass FailureClass, string? SystemStatus, int? NationalStatus, DateTimeOffset? At,
    string? OfficialName, string? OfficialTitle, string? Unit, string? Error) : IClassifiedResult
{
    public bool Found => FailureClass == FailureClass.None;
    public static PulledStatus Failed(FailureClass failure, string? error) => new(failure, null, null, null, null, null, null, error);
}
