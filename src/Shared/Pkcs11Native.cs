using System.Reflection;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Laobao.Pkcs11;

/// <summary>
/// Compiled into both the card bridge and the <c>laobao</c> command (linked source, no shared project needed).
/// Pkcs11Interop 5.3.0 binds <c>dlopen</c> from "libdl", which Debian 12 ships only as
/// <c>libdl.so.2</c>; this resolver points it there. It must be registered before the first call.
/// </summary>
internal static class Pkcs11Native
{
    private static readonly Lazy<bool> Registered = new(Register);

    public static void EnsureResolver() => _ = Registered.Value;

    private static bool Register()
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // Another component of this process (the card bridge and `laobao pki` share a test host) registered it first.
        }

        return true;
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name == "libdl" && OperatingSystem.IsLinux() ? NativeLibrary.Load("libdl.so.2") : IntPtr.Zero;
}
