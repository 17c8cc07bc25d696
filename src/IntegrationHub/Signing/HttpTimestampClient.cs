using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using IntegrationHub.Signatures.Creation;

namespace IntegrationHub.Signing;

/// <summary>An RFC 3161 client over HTTP (Signatures:TsaUrl): application/timestamp-query in, the token out, checked against the request.</summary>
public sealed class HttpTimestampClient(HttpClient http, Uri tsa) : ITimestampClient
{
    public async Task<byte[]> GetTokenAsync(byte[] data, HashAlgorithmName digestAlgorithm, CancellationToken cancellationToken = default)
    {
        var request = Rfc3161TimestampRequest.CreateFromData(data, digestAlgorithm, nonce: RandomNumberGenerator.GetBytes(8), requestSignerCertificates: true);
        using var body = new ByteArrayContent(request.Encode());
        body.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
        using var response = await http.PostAsync(tsa, body, cancellationToken);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var token = request.ProcessResponse(answer, out _);
        return token.AsSignedCms().Encode();
    }
}
