using System.Net.Http.Headers;

namespace IntegrationHub.Signatures.Revocation;

/// <summary>Small HTTP helpers shared by the CRL and OCSP clients: size limit, timeout, plain errors.</summary>
internal static class HttpFetch
{
    public static async Task<byte[]> SendAsync(
        HttpClient http, HttpRequestMessage request, RevocationOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.HttpTimeout);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} from {request.RequestUri}");
        if (response.Content.Headers.ContentLength > options.MaxDownloadBytes)
            throw new HttpRequestException($"{request.RequestUri} answered more than {options.MaxDownloadBytes} bytes");
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, timeout.Token)) > 0)
        {
            if (buffer.Length + read > options.MaxDownloadBytes)
                throw new HttpRequestException($"{request.RequestUri} answered more than {options.MaxDownloadBytes} bytes");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static HttpRequestMessage Post(string url, byte[] body, string mediaType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
    }

    public static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
