using System.Formats.Asn1;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Creation.Pkcs11;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace IntegrationHub.Tests.Pkcs11;

/// <summary>
/// Debian's SoftHSM2 with its own token folder, for one test process. The library reads SOFTHSM2_CONF once, at
/// C_Initialize, and a process loads it once: so the folder and every token the process needs are made here, by
/// softhsm2-util, before anything loads the library; keys are then made inside the tokens (C_GenerateKeyPair) and
/// never leave them. Shared by IntegrationHub.Signatures.Tests and IntegrationHub.Tests (linked file).
/// </summary>
public sealed class SoftHsm : IDisposable
{
    public const string Library = "/usr/lib/softhsm/libsofthsm2.so";
    public const string UserPin = "hsm-user-pin-1234";
    private const string SoPin = "hsm-so-pin-5678";

    public string Folder { get; } = Directory.CreateTempSubdirectory("hub-softhsm-").FullName;

    /// <summary>Why SoftHSM2 cannot be used here, or null when it can.</summary>
    public static string? Missing =>
        !File.Exists(Library) ? $"SoftHSM2 is not installed ({Library} is absent; apt-get install softhsm2)."
        : !OnPath("softhsm2-util") ? "softhsm2-util is not on PATH (apt-get install softhsm2)."
        : null;

    public SoftHsm(params string[] tokenLabels)
    {
        var tokens = Directory.CreateDirectory(Path.Combine(Folder, "tokens")).FullName;
        var conf = Path.Combine(Folder, "softhsm2.conf");
        File.WriteAllText(conf, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        // The library reads it with getenv(): on Unix, .NET's Environment.SetEnvironmentVariable does not reach that
        // copy, so set it in libc as well (softhsm2-util, a child process, gets the .NET one).
        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", conf);
        if (setenv("SOFTHSM2_CONF", conf, 1) != 0) throw new InvalidOperationException("setenv(SOFTHSM2_CONF) failed");
        if (Missing is not null) return;
        foreach (var label in tokenLabels)
            Run("softhsm2-util", "--init-token", "--free", "--label", label, "--so-pin", SoPin, "--pin", UserPin);
    }

    /// <summary>An RSA key pair made inside the token; returns its public key (the private one cannot leave).</summary>
    public RSA GenerateRsa(string token, string label, int bits = 2048) => InSession(token, s =>
    {
        var a = s.Factories.ObjectAttributeFactory;
        var id = RandomNumberGenerator.GetBytes(8);
        s.GenerateKeyPair(s.Factories.MechanismFactory.Create(CKM.CKM_RSA_PKCS_KEY_PAIR_GEN),
            [a.Create(CKA.CKA_TOKEN, true), a.Create(CKA.CKA_VERIFY, true), a.Create(CKA.CKA_MODULUS_BITS, (ulong)bits),
             a.Create(CKA.CKA_PUBLIC_EXPONENT, new byte[] { 1, 0, 1 }), a.Create(CKA.CKA_LABEL, label), a.Create(CKA.CKA_ID, id)],
            PrivateTemplate(a, label, id), out var publicKey, out _);
        var values = s.GetAttributeValue(publicKey, [CKA.CKA_MODULUS, CKA.CKA_PUBLIC_EXPONENT]);
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = values[0].GetValueAsByteArray(), Exponent = values[1].GetValueAsByteArray() });
        return rsa;
    });

    /// <summary>An ECDSA P-256 key pair made inside the token; returns its public key.</summary>
    public ECDsa GenerateP256(string token, string label) => InSession(token, s =>
    {
        var a = s.Factories.ObjectAttributeFactory;
        var id = RandomNumberGenerator.GetBytes(8);
        byte[] prime256v1 = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];
        s.GenerateKeyPair(s.Factories.MechanismFactory.Create(CKM.CKM_EC_KEY_PAIR_GEN),
            [a.Create(CKA.CKA_TOKEN, true), a.Create(CKA.CKA_VERIFY, true), a.Create(CKA.CKA_EC_PARAMS, prime256v1),
             a.Create(CKA.CKA_LABEL, label), a.Create(CKA.CKA_ID, id)],
            PrivateTemplate(a, label, id), out var publicKey, out _);
        // CKA_EC_POINT is a DER OCTET STRING around the uncompressed point 04 || X || Y.
        var point = AsnDecoder.ReadOctetString(s.GetAttributeValue(publicKey, [CKA.CKA_EC_POINT])[0].GetValueAsByteArray(), AsnEncodingRules.DER, out _);
        return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } });
    });

    /// <summary>Stores the certificate in the token with the key's CKA_ID and label, as a CA's enrolment tool does.</summary>
    public void ImportCertificate(string token, string label, X509Certificate2 certificate) => InSession(token, s =>
    {
        var a = s.Factories.ObjectAttributeFactory;
        var key = s.FindAllObjects([a.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY), a.Create(CKA.CKA_LABEL, label)]).Single();
        var id = s.GetAttributeValue(key, [CKA.CKA_ID])[0].GetValueAsByteArray();
        s.CreateObject([a.Create(CKA.CKA_CLASS, CKO.CKO_CERTIFICATE), a.Create(CKA.CKA_CERTIFICATE_TYPE, CKC.CKC_X_509),
            a.Create(CKA.CKA_TOKEN, true), a.Create(CKA.CKA_LABEL, label), a.Create(CKA.CKA_ID, id),
            a.Create(CKA.CKA_SUBJECT, certificate.SubjectName.RawData), a.Create(CKA.CKA_VALUE, certificate.RawData)]);
        return 0;
    });

    /// <summary>Deletes the private key labelled <paramref name="label"/> from the token.</summary>
    public void DeletePrivateKey(string token, string label) => InSession(token, s =>
    {
        var a = s.Factories.ObjectAttributeFactory;
        foreach (var key in s.FindAllObjects([a.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY), a.Create(CKA.CKA_LABEL, label)]))
            s.DestroyObject(key);
        return 0;
    });

    /// <summary>What a token reset does to the process: every session on the token closed, the login gone.</summary>
    public void CloseAllSessions(string token) => Slot(token).CloseAllSessions();

    /// <summary>Logs the process out of the token (login state is per token and process, not per session).</summary>
    public void Logout(string token) => InSession(token, s => { s.Logout(); return 0; });

    private static List<IObjectAttribute> PrivateTemplate(Net.Pkcs11Interop.HighLevelAPI.Factories.IObjectAttributeFactory a, string label, byte[] id) =>
        [a.Create(CKA.CKA_TOKEN, true), a.Create(CKA.CKA_PRIVATE, true), a.Create(CKA.CKA_SIGN, true), a.Create(CKA.CKA_SENSITIVE, true),
         a.Create(CKA.CKA_EXTRACTABLE, false), a.Create(CKA.CKA_LABEL, label), a.Create(CKA.CKA_ID, id)];

    private static ISlot Slot(string token) =>
        Pkcs11Libraries.Get(Library).GetSlotList(SlotsType.WithTokenPresent).Single(slot => slot.GetTokenInfo().Label.Trim() == token);

    private static T InSession<T>(string token, Func<ISession, T> action)
    {
        var session = Slot(token).OpenSession(SessionType.ReadWrite);
        try
        {
            try { session.Login(CKU.CKU_USER, UserPin); }
            catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_USER_ALREADY_LOGGED_IN) { }
            return action(session);
        }
        finally
        {
            session.CloseSession();
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setenv(string name, string value, int overwrite);

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool)));

    private static void Run(string tool, params string[] arguments)
    {
        var result = IntegrationHub.Signatures.Tests.Xml.ExternalTool.Run(tool, arguments);
        if (result.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({result.ExitCode}): {result.Output}{result.Error}");
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A fact that is skipped, saying why, when SoftHSM2 (or a cross-check tool) is not installed.</summary>
public sealed class RequiresSoftHsmFactAttribute : FactAttribute
{
    public RequiresSoftHsmFactAttribute(params string[] tools)
    {
        if (SoftHsm.Missing is { } missing) Skip = missing;
        else if (tools.FirstOrDefault(tool => !(Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                     .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool)))) is { } absent)
            Skip = $"{absent} is not installed (not on PATH); this cross-check needs it.";
    }
}
