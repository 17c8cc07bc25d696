using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace IntegrationHub.Signatures.Creation.Pkcs11;

/// <summary>
/// A private key in an HSM, used over PKCS#11: one session, logged in as user, used under a lock (a PKCS#11 session
/// is not free-threaded, and one RSA-2048 signature takes the token about a millisecond). Nothing is opened until the
/// first use, and a failed open is tried again on the next use (the token may be plugged in later). The key is looked
/// up by CKA_LABEL for every signature, so a removed key is an error at once, not a stale handle. When the token was
/// reset (sessions closed, logged out, removed and reinserted) the session is opened and logged in again, once.
/// </summary>
public sealed class Pkcs11Key(Pkcs11KeyLocation location, Func<string> pin) : IDigestSigner, IDisposable
{
    private static readonly CKR[] ResetCodes =
    [
        CKR.CKR_SESSION_HANDLE_INVALID, CKR.CKR_SESSION_CLOSED, CKR.CKR_USER_NOT_LOGGED_IN,
        CKR.CKR_TOKEN_NOT_PRESENT, CKR.CKR_DEVICE_REMOVED, CKR.CKR_TOKEN_NOT_RECOGNIZED,
    ];

    private readonly Lock gate = new();
    private ISession? session;
    private X509Certificate2? certificate;

    public Pkcs11KeyLocation Location => location;

    /// <summary>The key's certificate (from the token, or the configured file); opens the token on first use.</summary>
    public X509Certificate2 Certificate
    {
        get
        {
            lock (gate) return WithSession(_ => certificate!);
        }
    }

    /// <summary>Signs a prepared digest as <see cref="LocalSigner.SignDigest"/> does: RSA PKCS#1 v1.5 or PSS, ECDSA as DER.</summary>
    public byte[] SignDigest(PreparedSignature prepared)
    {
        lock (gate) return WithSession(s => Sign(s, prepared));
    }

    public void Dispose()
    {
        lock (gate) Drop();
    }

    /// <summary>Runs an action on the open session; after a token reset, opens it again and runs the action once more.</summary>
    private T WithSession<T>(Func<ISession, T> action)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return action(session is null ? Open() : LoggedIn(session));
            }
            catch (Pkcs11Exception ex) when (attempt == 0 && session is not null && ResetCodes.Contains(ex.RV))
            {
                Drop();
            }
            catch (Pkcs11Exception ex)
            {
                Drop();
                throw new Pkcs11KeyException(Pkcs11KeyFailure.Device, $"The {location.Token} failed in {ex.Method}: {ex.RV}.", ex);
            }
        }
    }

    private ISession Open()
    {
        if (string.IsNullOrWhiteSpace(location.KeyLabel)) throw new Pkcs11KeyException(Pkcs11KeyFailure.Configuration, "No key label is configured for the PKCS#11 key.");
        if (string.IsNullOrWhiteSpace(location.TokenLabel) && location.Slot is null)
            throw new Pkcs11KeyException(Pkcs11KeyFailure.Configuration, "Neither a token label nor a slot is configured for the PKCS#11 key.");
        var library = Pkcs11Libraries.Get(location.Library);
        var slot = FindSlot(library);
        var opened = slot.OpenSession(SessionType.ReadOnly);
        try
        {
            Login(opened);
            var key = FindPrivateKey(opened);
            certificate ??= LoadCertificate(opened, key);
            session = opened;
            return opened;
        }
        catch
        {
            opened.CloseSession();
            throw;
        }
    }

    /// <summary>The session, logged in again if the token logged the process out (a private key is invisible then, not an error).</summary>
    private ISession LoggedIn(ISession open)
    {
        var state = open.GetSessionInfo().State;
        if (state is CKS.CKS_RO_PUBLIC_SESSION or CKS.CKS_RW_PUBLIC_SESSION) Login(open);
        return open;
    }

    private ISlot FindSlot(IPkcs11Library library)
    {
        foreach (var slot in library.GetSlotList(SlotsType.WithTokenPresent))
        {
            if (location.TokenLabel is { Length: > 0 } label)
            {
                if (slot.GetTokenInfo().Label.Trim() == label) return slot;
            }
            else if (slot.SlotId == location.Slot) return slot;
        }
        throw new Pkcs11KeyException(Pkcs11KeyFailure.Token, $"No {location.Token} is present in {location.Library}.");
    }

    private void Login(ISession opened)
    {
        try
        {
            opened.Login(CKU.CKU_USER, pin());
        }
        catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            // Login state belongs to the token and the process, not the session: another session logged in already.
        }
        catch (Pkcs11Exception ex) when (ex.RV is CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_LEN_RANGE or CKR.CKR_ARGUMENTS_BAD)
        {
            throw new Pkcs11KeyException(Pkcs11KeyFailure.Pin, $"The {location.Token} refused the PIN ({ex.RV}).", ex);
        }
        catch (Pkcs11Exception ex) when (ex.RV is CKR.CKR_PIN_LOCKED or CKR.CKR_PIN_EXPIRED)
        {
            throw new Pkcs11KeyException(Pkcs11KeyFailure.Pin, $"The user PIN of the {location.Token} cannot be used ({ex.RV}).", ex);
        }
    }

    private IObjectHandle FindPrivateKey(ISession s)
    {
        var attributes = s.Factories.ObjectAttributeFactory;
        var found = s.FindAllObjects([
            attributes.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY),
            attributes.Create(CKA.CKA_LABEL, location.KeyLabel),
        ]);
        return found.Count switch
        {
            1 => found[0],
            0 => throw new Pkcs11KeyException(Pkcs11KeyFailure.Key, $"No private key labelled '{location.KeyLabel}' is on the {location.Token}."),
            _ => throw new Pkcs11KeyException(Pkcs11KeyFailure.Key, $"{found.Count} private keys are labelled '{location.KeyLabel}' on the {location.Token}; labels must be unique."),
        };
    }

    /// <summary>The configured certificate file, else the token's certificate with the key's CKA_ID, else with its label.</summary>
    private X509Certificate2 LoadCertificate(ISession s, IObjectHandle key)
    {
        if (location.CertificatePath is { Length: > 0 } path)
        {
            if (!File.Exists(path)) throw new Pkcs11KeyException(Pkcs11KeyFailure.Certificate, $"The certificate file {path} does not exist.");
            try { return X509CertificateLoader.LoadCertificateFromFile(path); }
            catch (CryptographicException ex) { throw new Pkcs11KeyException(Pkcs11KeyFailure.Certificate, $"The certificate file {path} cannot be read: {ex.Message}", ex); }
        }
        var attributes = s.Factories.ObjectAttributeFactory;
        var id = s.GetAttributeValue(key, [CKA.CKA_ID])[0].GetValueAsByteArray();
        List<IObjectAttribute> byId = [attributes.Create(CKA.CKA_CLASS, CKO.CKO_CERTIFICATE), attributes.Create(CKA.CKA_ID, id)];
        List<IObjectAttribute> byLabel = [attributes.Create(CKA.CKA_CLASS, CKO.CKO_CERTIFICATE), attributes.Create(CKA.CKA_LABEL, location.KeyLabel)];
        var found = id is { Length: > 0 } ? s.FindAllObjects(byId) : [];
        if (found.Count == 0) found = s.FindAllObjects(byLabel);
        if (found.Count == 0)
            throw new Pkcs11KeyException(Pkcs11KeyFailure.Key, $"No certificate for the key '{location.KeyLabel}' is on the {location.Token} (by CKA_ID or label), and no certificate file is configured.");
        var der = s.GetAttributeValue(found[0], [CKA.CKA_VALUE])[0].GetValueAsByteArray();
        return X509CertificateLoader.LoadCertificate(der);
    }

    private byte[] Sign(ISession s, PreparedSignature prepared)
    {
        var key = FindPrivateKey(s);
        var keyType = (CKK)s.GetAttributeValue(key, [CKA.CKA_KEY_TYPE])[0].GetValueAsUlong();
        var mechanisms = s.Factories.MechanismFactory;
        switch (keyType)
        {
            case CKK.CKK_RSA when prepared.SignatureAlgorithm.Padding == "PSS":
                var (hash, mgf) = Pkcs11SignatureValues.PssParameters(prepared.DigestAlgorithm);
                var salt = prepared.SignatureAlgorithm.PssSaltLength ?? prepared.Digest.Length;
                var pss = s.Factories.MechanismParamsFactory.CreateCkRsaPkcsPssParams(
                    ConvertUtils.UInt64FromCKM(hash), ConvertUtils.UInt64FromCKG(mgf), (ulong)salt);
                return s.Sign(mechanisms.Create(CKM.CKM_RSA_PKCS_PSS, pss), key, prepared.Digest);
            case CKK.CKK_RSA:
                return s.Sign(mechanisms.Create(CKM.CKM_RSA_PKCS), key, Pkcs11SignatureValues.DigestInfo(prepared.DigestAlgorithm, prepared.Digest));
            case CKK.CKK_EC:
                return Pkcs11SignatureValues.EcdsaToDer(s.Sign(mechanisms.Create(CKM.CKM_ECDSA), key, prepared.Digest));
            default:
                throw new Pkcs11KeyException(Pkcs11KeyFailure.Key, $"The key '{location.KeyLabel}' is a {keyType} key; only RSA and EC keys can sign.");
        }
    }

    private void Drop()
    {
        try { session?.CloseSession(); }
        catch (Pkcs11Exception) { /* already gone with the token */ }
        session = null;
    }
}
