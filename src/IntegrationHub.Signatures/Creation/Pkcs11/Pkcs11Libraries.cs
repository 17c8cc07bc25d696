using System.Reflection;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace IntegrationHub.Signatures.Creation.Pkcs11;

/// <summary>
/// One loaded, initialized PKCS#11 library per path for the life of the process. C_Initialize may run once per
/// process (a second load answers CKR_CRYPTOKI_ALREADY_INITIALIZED) and C_Finalize would close every session of
/// every user of the library, so libraries are loaded once and never unloaded.
/// </summary>
public static class Pkcs11Libraries
{
    private static readonly Dictionary<string, IPkcs11Library> Loaded = [];
    private static readonly Lock Gate = new();

    public static Pkcs11InteropFactories Factories { get; } = new();

    static Pkcs11Libraries()
    {
        // Pkcs11Interop 5.3 dlopen()s through "libdl", a name only libc6-dev provides on glibc 2.34+ (Debian 12/13
        // ship libdl.so.2, and dlopen lives in libc itself): point it at the runtime's libdl.so.2.
        NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, (name, assembly, path) =>
            name == "libdl" && OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libdl.so.2", assembly, path, out var handle)
                ? handle
                : IntPtr.Zero);
    }

    /// <summary>The library at <paramref name="path"/>, loaded and initialized for multi-threaded use.</summary>
    public static IPkcs11Library Get(string path)
    {
        var full = Path.GetFullPath(path);
        lock (Gate)
        {
            if (Loaded.TryGetValue(full, out var library)) return library;
            if (!File.Exists(full)) throw new Pkcs11KeyException(Pkcs11KeyFailure.Library, $"The PKCS#11 library {full} does not exist.");
            try
            {
                library = Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, full, AppType.MultiThreaded);
            }
            catch (Exception ex) when (ex is Pkcs11Exception or UnmanagedException or DllNotFoundException or BadImageFormatException)
            {
                throw new Pkcs11KeyException(Pkcs11KeyFailure.Library, $"The PKCS#11 library {full} cannot be loaded: {ex.Message}", ex);
            }
            Loaded[full] = library;
            return library;
        }
    }
}
