using System.Net;
using IntegrationHub.Connectors.Messages;

namespace IntegrationHub.Connectors.Configuration;

/// <summary>
/// Turns a system's answer into a failure class: its error code through the configured table first, then
/// the HTTP status, then (for SOAP) the fault side. An unknown failure counts as transient: retrying it is
/// safe with idempotency keys, while a wrong dead letter would need a person.
/// </summary>
public static class FailureClassifier
{
    public static FailureClass Classify(VerticalOptions options, string? errorCode, HttpStatusCode status, bool? soapClientFault = null)
    {
        if (options.MapError(errorCode) is FailureClass mapped) return mapped;
        return (int)status switch
        {
            401 or 403 => FailureClass.Authentication,
            404 => FailureClass.NotFound,
            400 or 409 or 413 or 415 or 422 => FailureClass.Validation,
            408 or 429 => FailureClass.Transient,
            >= 500 when soapClientFault == true => FailureClass.Validation,
            _ => FailureClass.Transient,
        };
    }
}
