using Org.BouncyCastle.Pkix;
using Org.BouncyCastle.Utilities.Collections;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace IntegrationHub.Signatures.Trust;

/// <summary>The outcome of one RFC 5280 run over a path: passed, or failed at a certificate with a message.</summary>
internal sealed record PkixOutcome(bool Passed, int FailedIndex, string? Message)
{
    public static readonly PkixOutcome Pass = new(true, -1, null);

    public bool IsSignatureFailure => Message is not null && Message.Contains("signature", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Runs BouncyCastle's RFC 5280 validator (signatures, validity, basic constraints, key usage of CAs, name
/// constraints, policies) over one candidate path. The path runs target first and its last element is the anchor's
/// certificate. Revocation is never asked of it: its CRL processing compares the validation time with the machine's
/// clock and refuses a later one, so CRLs are judged by <see cref="Revocation.CrlCheck"/>.
/// </summary>
internal static class PkixPathCheck
{
    public static PkixOutcome Run(
        IReadOnlyList<BcCertificate> path, DateTime atUtc, IReadOnlyList<BcCertificate> knownCertificates)
    {
        if (path.Count < 2) return PkixOutcome.Pass;
        return WithoutMillerRabin(() => RunOnce(path, atUtc, knownCertificates));
    }

    private static PkixOutcome RunOnce(IReadOnlyList<BcCertificate> path, DateTime atUtc, IReadOnlyList<BcCertificate> knownCertificates)
    {
        try
        {
            var anchors = new HashSet<TrustAnchor> { new(path[^1], null) };
            var parameters = new PkixParameters(anchors) { IsRevocationEnabled = false, Date = atUtc };
            parameters.AddStoreCert(CollectionUtilities.CreateStore(knownCertificates));
            var certPath = new PkixCertPath(path.Take(path.Count - 1).ToList());
            new PkixCertPathValidator().Validate(certPath, parameters);
            return PkixOutcome.Pass;
        }
        catch (PkixCertPathValidatorException e)
        {
            return new PkixOutcome(false, e.Index, Describe(e));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException
                                      or Org.BouncyCastle.Security.GeneralSecurityException
                                      or Org.BouncyCastle.Crypto.CryptoException)
        {
            // Malformed extensions and unsupported algorithms surface as these; they fail the path, never the process.
            return new PkixOutcome(false, 0, e.Message);
        }
    }

    /// <summary>
    /// BouncyCastle runs Miller-Rabin tests on every RSA modulus it turns into a key (~12 ms each for 2048 bits),
    /// a defence for keys used to encrypt; here the keys only verify signatures, and a bad modulus just fails to
    /// verify. Switched off for this thread and this call only, so <paramref name="run"/> must not await: a continuation on
    /// another thread would leave the property set on this one (the validation data collector shares this helper).
    /// </summary>
    internal static T WithoutMillerRabin<T>(Func<T> run)
    {
        var previous = Org.BouncyCastle.Utilities.Properties.GetThreadProperty(RsaMaxMRTests);
        Org.BouncyCastle.Utilities.Properties.SetThreadProperty(RsaMaxMRTests, "0");
        try { return run(); }
        finally
        {
            if (previous is null) Org.BouncyCastle.Utilities.Properties.RemoveThreadProperty(RsaMaxMRTests);
            else Org.BouncyCastle.Utilities.Properties.SetThreadProperty(RsaMaxMRTests, previous);
        }
    }

    private const string RsaMaxMRTests = "Org.BouncyCastle.Rsa.MaxMRTests";

    private static string Describe(Exception e)
    {
        var message = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!string.IsNullOrWhiteSpace(inner.Message) && !message.Contains(inner.Message, StringComparison.Ordinal))
                message += " " + inner.Message;
        }
        return message;
    }
}
