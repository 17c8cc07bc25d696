using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace IntegrationHub.Signatures.Validation;

/// <summary>
/// RSA PKCS#1 v1.5 verification through OpenSSL's EVP API with a verify context kept per key and digest.
/// Why: <see cref="RSA.VerifyHash(byte[], byte[], HashAlgorithmName, RSASignaturePadding)"/> on Linux builds a new
/// EVP_PKEY_CTX for every call; with OpenSSL 3.0 that set-up (provider fetch, key export cache, locks) costs about as
/// much as the RSA public operation itself, and halves the verify rate (`openssl speed` keeps its context too).
/// Used only when .NET's own OpenSSL 3 libcrypto is the one loaded in the process; anything else (another platform,
/// OpenSSL 1.1, a key that is not <see cref="RSAOpenSsl"/>) returns null from <see cref="TryCreate"/> and the caller
/// stays on <see cref="RSA.VerifyHash(byte[], byte[], HashAlgorithmName, RSASignaturePadding)"/>.
/// Thread safety: a context serves one call at a time. Each digest has one parked context; a caller takes it with an
/// atomic exchange and parks it back, and a caller that finds none makes its own (and frees it if the slot is taken).
/// </summary>
internal sealed class OpenSslRsaVerifier
{
    private const string LibCrypto = "libcrypto.so.3";
    private const int RsaPkcs1Padding = 1;
    private static readonly bool Available = Probe();

    private readonly SafeEvpPKeyHandle _key;
    private readonly VerifyContext?[] _parked = new VerifyContext?[3];

    private OpenSslRsaVerifier(SafeEvpPKeyHandle key) => _key = key;

    /// <summary>A verifier over <paramref name="rsa"/>'s key, or null when the fast path does not apply.</summary>
    public static OpenSslRsaVerifier? TryCreate(RSA rsa)
    {
        if (!Available || rsa is not RSAOpenSsl openSsl) return null;
        try { return new OpenSslRsaVerifier(openSsl.DuplicateKeyHandle()); }
        catch (CryptographicException) { return null; }
    }

    /// <summary>
    /// True or false as OpenSSL verifies; null when this digest is not handled here or OpenSSL reported an error
    /// other than a plain mismatch (the caller then asks .NET, which gives the authoritative answer and error).
    /// </summary>
    public bool? VerifyPkcs1(HashAlgorithmName digestAlgorithm, byte[] digest, byte[] signature)
    {
        var slot = digestAlgorithm.Name switch { "SHA256" => 0, "SHA384" => 1, "SHA512" => 2, _ => -1 };
        if (slot < 0 || digest.Length != (32 + 16 * slot)) return null;
        var context = Interlocked.Exchange(ref _parked[slot], null) ?? NewContext(slot);
        if (context is null) return null;
        int result;
        try { result = Native.EVP_PKEY_verify(context, signature, (nuint)signature.Length, digest, (nuint)digest.Length); }
        finally
        {
            if (Interlocked.CompareExchange(ref _parked[slot], context, null) is not null) context.Dispose();
        }
        if (result == 1) return true;
        // A wrong signature leaves entries on OpenSSL's thread error queue; .NET expects it empty.
        Native.ERR_clear_error();
        return result == 0 ? false : null;
    }

    private VerifyContext? NewContext(int slot)
    {
        var context = Native.EVP_PKEY_CTX_new(_key, IntPtr.Zero);
        if (context.IsInvalid) { Native.ERR_clear_error(); return null; }
        var md = slot switch { 0 => Native.EVP_sha256(), 1 => Native.EVP_sha384(), _ => Native.EVP_sha512() };
        if (Native.EVP_PKEY_verify_init(context) == 1
            && Native.EVP_PKEY_CTX_set_rsa_padding(context, RsaPkcs1Padding) == 1
            && Native.EVP_PKEY_CTX_set_signature_md(context, md) == 1)
            return context;
        Native.ERR_clear_error();
        context.Dispose();
        return null;
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            // Only the libcrypto .NET already loaded: a second copy must never see .NET's key pointers.
            // (Reading OpenSslVersion makes .NET load its OpenSSL first.)
            if (SafeEvpPKeyHandle.OpenSslVersion < 0x3000_0000 || !Native.IsLoadedAlready()) return false;
            return Native.OpenSSL_version_num() == (ulong)SafeEvpPKeyHandle.OpenSslVersion;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    internal sealed class VerifyContext() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
    {
        protected override bool ReleaseHandle()
        {
            Native.EVP_PKEY_CTX_free(handle);
            return true;
        }
    }

    private static class Native
    {
        [DllImport(LibCrypto)] public static extern ulong OpenSSL_version_num();
        [DllImport(LibCrypto)] public static extern VerifyContext EVP_PKEY_CTX_new(SafeEvpPKeyHandle key, IntPtr engine);
        [DllImport(LibCrypto)] public static extern void EVP_PKEY_CTX_free(IntPtr context);
        [DllImport(LibCrypto)] public static extern int EVP_PKEY_verify_init(VerifyContext context);
        [DllImport(LibCrypto)] public static extern int EVP_PKEY_CTX_set_rsa_padding(VerifyContext context, int padding);
        [DllImport(LibCrypto)] public static extern int EVP_PKEY_CTX_set_signature_md(VerifyContext context, IntPtr md);
        [DllImport(LibCrypto)] public static extern IntPtr EVP_sha256();
        [DllImport(LibCrypto)] public static extern IntPtr EVP_sha384();
        [DllImport(LibCrypto)] public static extern IntPtr EVP_sha512();
        [DllImport(LibCrypto)] public static extern int EVP_PKEY_verify(VerifyContext context, byte[] signature, nuint signatureLength, byte[] digest, nuint digestLength);
        [DllImport(LibCrypto)] public static extern void ERR_clear_error();

        private const int RtldLazy = 0x1, RtldNoLoad = 0x4;
        [DllImport("libc.so.6", EntryPoint = "dlopen")] private static extern IntPtr DlOpen(string file, int mode);
        [DllImport("libc.so.6", EntryPoint = "dlclose")] private static extern int DlClose(IntPtr handle);

        /// <summary>True when the process had libcrypto.so.3 loaded before we asked for it (RTLD_NOLOAD).</summary>
        public static bool IsLoadedAlready()
        {
            var handle = DlOpen(LibCrypto, RtldLazy | RtldNoLoad);
            if (handle == IntPtr.Zero) return false;
            DlClose(handle);
            return true;
        }
    }
}
