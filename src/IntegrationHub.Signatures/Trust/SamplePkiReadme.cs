using System.Globalization;
using System.Text;

namespace IntegrationHub.Signatures.Trust;

/// <summary>The README written beside a sample PKI: what each file is, the password, how to regenerate.</summary>
internal static class SamplePkiReadme
{
    public static string Text(SamplePki pki)
    {
        var text = new StringBuilder();
        text.Append($"""
            # Sample PKI — FOR TESTING ONLY, NEVER FOR PRODUCTION

            Every private key of this PKI is published right here, so anybody can sign as any of these
            "people". Never trust `root-ca.crt` outside tests and demos, never install it in a browser or OS store.

            Made by `hub certs init DIR [--base-url {SamplePki.DefaultBaseUrl}]`. Regenerate (new keys, new serial numbers, fresh CRLs) with:

                dotnet run --project src/IntegrationHub -- certs init certs-sample

            - PKCS#12 password of every `.p12`: `{SamplePki.Password}` (the `.key` files are unencrypted PKCS#8 PEM).
            - CRL distribution points and OCSP / CA-issuer URLs point under `{pki.BaseUrl}`:
              `root-ca.crl`, `issuing-ca.crl`, `ocsp`, `root-ca.crt`, `issuing-ca.crt`.
            - CAs are valid 30 years from {pki.Root.Certificate.NotBefore.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}; end entities ~10 years from generation;
              the CRLs' nextUpdate is {pki.RootCrlNextUpdate()} (a year after generation): regenerate before then.

            | file | what it is |
            |---|---|
            | `root-ca.crt`, `root-ca.key` | self-signed root CA (RSA-3072), the trust anchor (`--trust root-ca.crt`) |
            | `issuing-ca.crt`, `issuing-ca.key` | issuing CA under the root (RSA-2048, pathLen 0) |
            | `chain.pem` | issuing CA then root, for `--untrusted` |
            | `root-ca.crl` | the root's CRL (empty) |
            | `issuing-ca.crl` | the issuing CA's CRL, listing `revoked` |
            | `index.txt` | openssl CA database of the issuing CA, for `openssl ocsp -index index.txt -CA issuing-ca.crt -rsigner ocsp-responder.crt -rkey ocsp-responder.key` |

            """);
        foreach (var (name, description) in SamplePki.Descriptions)
            text.Append($"| `{name}.crt`, `{name}.key`, `{name}.p12` | {description} |\n");
        text.Append("""

            Try it:

                hub certs validate certs-sample/citizen.crt --trust certs-sample/root-ca.crt \
                    --untrusted certs-sample/chain.pem --crl certs-sample/issuing-ca.crl --crl certs-sample/root-ca.crl
                hub certs validate certs-sample/revoked.crt --trust certs-sample/root-ca.crt \
                    --untrusted certs-sample/chain.pem --crl certs-sample/issuing-ca.crl --crl certs-sample/root-ca.crl

            """);
        return text.ToString();
    }

    private static string RootCrlNextUpdate(this SamplePki pki)
    {
        var parsed = new Org.BouncyCastle.X509.X509CrlParser().ReadCrl(pki.RootCrl);
        return parsed.NextUpdate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none";
    }
}
