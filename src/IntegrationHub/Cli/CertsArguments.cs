using System.Globalization;

namespace IntegrationHub.Cli;

/// <summary>The parsed flags of `hub certs validate`; <see cref="Error"/> is set on a usage error (exit 64).</summary>
internal sealed record CertsArguments
{
    public string? Target { get; init; }
    public List<string> Trust { get; } = [];
    public List<string> Untrusted { get; } = [];
    public List<string> Crls { get; } = [];
    public bool Ocsp { get; init; }
    public DateTimeOffset? At { get; init; }
    public string Format { get; init; } = "text";
    public string? BaseUrl { get; init; }
    public string? Error { get; init; }

    public static CertsArguments Parse(IReadOnlyList<string> args)
    {
        var result = new CertsArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? Value() => i + 1 < args.Count ? args[++i] : null;
            switch (arg)
            {
                case "--trust": if (Value() is { } t) result.Trust.Add(t); else return Fail(arg); break;
                case "--untrusted": if (Value() is { } u) result.Untrusted.Add(u); else return Fail(arg); break;
                case "--crl": if (Value() is { } c) result.Crls.Add(c); else return Fail(arg); break;
                case "--ocsp": result = result with { Ocsp = true }; break;
                case "--at":
                    if (Value() is not { } at) return Fail(arg);
                    if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture,
                            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                        return result with { Error = $"--at: '{at}' is not an ISO-8601 date and time" };
                    result = result with { At = parsed };
                    break;
                case "--format":
                    var format = Value();
                    if (format is not ("json" or "text")) return result with { Error = "--format takes json or text" };
                    result = result with { Format = format };
                    break;
                case "--base-url":
                    if (Value() is not { } url || !Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out _))
                        return result with { Error = "--base-url takes an absolute URL" };
                    result = result with { BaseUrl = url.EndsWith('/') ? url : url + "/" };
                    break;
                default:
                    if (arg.StartsWith('-') || result.Target is not null) return result with { Error = $"unexpected argument '{arg}'" };
                    result = result with { Target = arg };
                    break;
            }
        }
        return result;

        CertsArguments Fail(string flag) => result with { Error = $"{flag} needs a value" };
    }
}
