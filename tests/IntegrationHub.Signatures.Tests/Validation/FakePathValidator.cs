using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Tests.Validation;

/// <summary>A path validator that says what the test wants and records what it was asked.</summary>
public sealed class FakePathValidator : ICertificatePathValidator
{
    public Func<X509Certificate2, PathValidationRequest, PathValidationResult> Answer { get; set; } =
        (target, _) => new PathValidationResult(Indication.TotalPassed, null, [target], null, [], []);

    public List<(X509Certificate2 Target, PathValidationRequest Request)> Calls { get; } = [];

    public PathValidationResult Validate(X509Certificate2 target, PathValidationRequest request)
    {
        Calls.Add((target, request));
        return Answer(target, request);
    }

    public static PathValidationResult Result(string indication, string? sub, DateTimeOffset? revokedAt = null) =>
        new(indication, sub, [], revokedAt, [$"fake: {sub}"], []);
}
