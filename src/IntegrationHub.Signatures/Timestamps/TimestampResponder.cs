using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.Utilities.Collections;

namespace IntegrationHub.Signatures.Timestamps;

/// <summary>
/// A small RFC 3161 time-stamping authority on BouncyCastle's TSP, for the tests, the simulators and the demo.
/// <see cref="Handle"/> is the whole HTTP exchange as bytes in, bytes out (status in the reply), so any host
/// can map it to a route. Time comes from the TimeProvider; serial numbers increase.
/// </summary>
public sealed class TimestampResponder
{
    public const string DefaultPolicy = "1.3.6.1.4.1.55555.1.1";
    private const int MaxRequestBytes = 64 * 1024;
    private readonly TimeProvider _time;
    private readonly TimeStampTokenGenerator _tokens;
    private long _serial;
    private readonly Lock _lock = new();

    /// <param name="chain">CA certificates the tokens carry after the TSA's own (a TSA under an intermediate CA).</param>
    public TimestampResponder(X509Certificate2 tsaCertificateWithKey, TimeProvider time, string policyOid = DefaultPolicy,
        IEnumerable<X509Certificate2>? chain = null)
    {
        _time = time;
        var certificate = new Org.BouncyCastle.X509.X509Certificate(tsaCertificateWithKey.RawData);
        AsymmetricAlgorithm key = (AsymmetricAlgorithm?)tsaCertificateWithKey.GetRSAPrivateKey() ?? tsaCertificateWithKey.GetECDsaPrivateKey()
            ?? throw new ArgumentException("The TSA certificate needs an RSA or ECDSA private key.", nameof(tsaCertificateWithKey));
        // BouncyCastle builds the token; .NET signs it (see DotNetSignatureFactory). ESSCertIDv2 with SHA-256.
        var signerInfo = new Org.BouncyCastle.Cms.SignerInfoGeneratorBuilder().Build(new DotNetSignatureFactory(key), certificate);
        _tokens = new TimeStampTokenGenerator(signerInfo, Org.BouncyCastle.Crypto.Operators.Asn1DigestFactory.Get(
            Org.BouncyCastle.Asn1.Nist.NistObjectIdentifiers.IdSha256), new Org.BouncyCastle.Asn1.DerObjectIdentifier(policyOid), true);
        _tokens.SetCertificates(CollectionUtilities.CreateStore(
            new[] { certificate }.Concat((chain ?? []).Select(c => new Org.BouncyCastle.X509.X509Certificate(c.RawData))).ToList()));
        _serial = time.GetUtcNow().ToUnixTimeSeconds();
    }

    /// <summary>A DER TimeStampResp for a DER TimeStampReq; malformed or oversized requests get a rejection, never an exception.</summary>
    public byte[] Handle(byte[] requestBody)
    {
        if (requestBody.Length > MaxRequestBytes) return Reject(PkiFailureInfo.BadDataFormat, "request too large");
        TimeStampRequest request;
        try { request = new TimeStampRequest(requestBody); }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or TspException or FormatException or InvalidOperationException)
        {
            return Reject(PkiFailureInfo.BadDataFormat, "malformed request");
        }
        lock (_lock)
        {
            try
            {
                var response = NewResponse().Generate(request, BigInteger.ValueOf(++_serial), _time.GetUtcNow().UtcDateTime);
                return response.GetEncoded();
            }
            catch (TspException) { return Reject(PkiFailureInfo.BadAlg, "unsupported request"); }
        }
    }

    private byte[] Reject(int failure, string text)
    {
        lock (_lock) return NewResponse().GenerateFailResponse(PkiStatus.Rejection, failure, text).GetEncoded();
    }

    // One response generator per answer: BouncyCastle's adds each answer's status text and failure bits to its own
    // fields and never clears them, so a shared one sent every earlier status along with the next (and grew forever).
    private TimeStampResponseGenerator NewResponse() => new(_tokens, TspAlgorithms.Allowed);
}
