using System.Formats.Asn1;
using System.Net.Http.Headers;
using System.Numerics;
using System.Security.Cryptography;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Creation;

namespace IntegrationHub.Signatures.Timestamps;

/// <summary>
/// RFC 3161 client over HTTP POST (application/timestamp-query). Sends a nonce and asks for the TSA certificate;
/// checks the response's status, that the token's imprint is ours and that the nonce came back.
/// </summary>
public sealed class TimestampClient(HttpClient http, Uri url) : ITimestampClient
{
    public const string QueryMediaType = "application/timestamp-query";
    public const string ReplyMediaType = "application/timestamp-reply";
    private const int MaxResponseBytes = 1 << 20;

    public async Task<byte[]> GetTokenAsync(byte[] data, HashAlgorithmName digestAlgorithm, CancellationToken cancellationToken = default)
    {
        var imprint = CmsOids.Hash(digestAlgorithm, data);
        var nonce = new BigInteger(RandomNumberGenerator.GetBytes(8), isUnsigned: true);
        using var content = new ByteArrayContent(Request(digestAlgorithm, imprint, nonce));
        content.Headers.ContentType = new MediaTypeHeaderValue(QueryMediaType);
        using var response = await http.PostAsync(url, content, cancellationToken);
        if (!response.IsSuccessStatusCode) throw new TimestampException($"The TSA at {url} answered HTTP {(int)response.StatusCode}.");
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (body.Length > MaxResponseBytes) throw new TimestampException($"The TSA at {url} sent an oversized response.");
        return CheckResponse(body, digestAlgorithm, imprint, nonce);
    }

    /// <summary>TimeStampReq: version 1, messageImprint, nonce, certReq TRUE.</summary>
    public static byte[] Request(HashAlgorithmName digestAlgorithm, byte[] imprint, BigInteger? nonce)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            using (writer.PushSequence())
            {
                CmsWriter.DigestAlgorithm(writer, digestAlgorithm);
                writer.WriteOctetString(imprint);
            }
            if (nonce is { } n) writer.WriteInteger(n);
            writer.WriteBoolean(true);
        }
        return writer.Encode();
    }

    /// <summary>Returns the token (DER ContentInfo) of a granted response that matches the request; throws otherwise.</summary>
    public static byte[] CheckResponse(byte[] response, HashAlgorithmName digestAlgorithm, byte[] imprint, BigInteger? nonce)
    {
        try
        {
            var reader = new AsnReader(response, AsnEncodingRules.BER);
            var resp = reader.ReadSequence();
            var statusInfo = resp.ReadSequence();
            var status = (int)statusInfo.ReadInteger();
            if (status is not (0 or 1))
            {
                var text = statusInfo.HasData && statusInfo.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence) ? StatusText(statusInfo.ReadSequence()) : "";
                throw new TimestampException($"The TSA refused the request (status {status}){(text.Length > 0 ? ": " + text : "")}.");
            }
            if (!resp.HasData) throw new TimestampException("The TSA granted the request but sent no token.");
            var token = resp.ReadEncodedValue().ToArray();
            var parsed = CmsSignedDataParser.Parse(token);
            if (parsed.EContentType != CmsOids.TstInfo || parsed.EContent is not { } tst) throw new TimestampException("The token holds no TSTInfo.");
            var info = TstInfo.Parse(tst);
            if (info.ImprintAlgorithm != digestAlgorithm || !info.Imprint.AsSpan().SequenceEqual(imprint))
                throw new TimestampException("The token time-stamps other data than what was sent.");
            if (nonce is not null && info.Nonce != nonce) throw new TimestampException("The token's nonce is not the request's: a replayed or foreign response.");
            return token;
        }
        catch (Exception e) when (e is AsnContentException or FormatException or CryptographicException)
        {
            throw new TimestampException($"The TSA's response is malformed: {e.Message}", e);
        }
    }

    private static string StatusText(AsnReader strings)
    {
        var parts = new List<string>();
        while (strings.HasData) parts.Add(strings.ReadCharacterString(UniversalTagNumber.UTF8String));
        return string.Join("; ", parts);
    }
}

public sealed class TimestampException(string message, Exception? inner = null) : Exception(message, inner);
