using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using ISession = Net.Pkcs11Interop.HighLevelAPI.ISession;

namespace Laobao.Web.Features.Statements;

/// <summary>
/// The document-signing key on a PKCS#11 token (an HSM in production, SoftHSM2 in development): the module is loaded
/// and the token logged in once for the life of the host, the certificate is read from the token (the certificate
/// object with the key's CKA_ID), and every signature is made on the token with CKM_RSA_PKCS over the DigestInfo.
/// The private key never leaves the token.
/// </summary>
internal sealed class Pkcs11StatementKey : IDisposable
{
    // Pkcs11Interop 5.3.0 binds dlopen from "libdl", which Debian 12 ships only as libdl.so.2 (the same fix as
    // src/Shared/Pkcs11Native.cs, which is not linked here: the ops command sees this assembly's internals and links its own).
    private static readonly Lazy<bool> LibdlResolver = new(() =>
    {
        try
        {
            System.Runtime.InteropServices.NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, (name, _, _) =>
                name == "libdl" && OperatingSystem.IsLinux() ? System.Runtime.InteropServices.NativeLibrary.Load("libdl.so.2") : IntPtr.Zero);
        }
        catch (InvalidOperationException)
        {
            // Another component of this process (the ops command's card writer, a test host) registered it first.
        }

        return true;
    });

    private readonly IPkcs11Library library;
    private readonly ISession session;
    private readonly IObjectHandle privateKey;
    private readonly Lock gate = new();

    private Pkcs11StatementKey(IPkcs11Library library, ISession session, IObjectHandle privateKey, X509Certificate2 certificate, X509Certificate2Collection others)
    {
        this.library = library;
        this.session = session;
        this.privateKey = privateKey;
        Certificate = certificate;
        OtherCertificates = others;
    }

    /// <summary>The signer's certificate, as stored on the token.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The other certificates on the token (typically the document-signing CA), for the chain in the signature.</summary>
    public X509Certificate2Collection OtherCertificates { get; }

    public static Pkcs11StatementKey Open(StatementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var module = options.Pkcs11Module!;
        if (!File.Exists(module))
        {
            throw new StatementSigningUnavailableException($"Statements:Pkcs11Module {module} does not exist");
        }

        if (string.IsNullOrEmpty(options.Pkcs11Token) && options.Pkcs11Slot is null)
        {
            throw new StatementSigningUnavailableException("Statements:Pkcs11Module is set but neither Statements:Pkcs11Token (the token's label) nor Statements:Pkcs11Slot");
        }

        _ = LibdlResolver.Value;
        var factories = new Pkcs11InteropFactories();
        IPkcs11Library library;
        try
        {
            library = factories.Pkcs11LibraryFactory.LoadPkcs11Library(factories, module, AppType.MultiThreaded);
        }
        catch (Exception e) when (e is Pkcs11Exception or UnmanagedException or DllNotFoundException or ArgumentException)
        {
            throw new StatementSigningUnavailableException($"the PKCS#11 module {module} cannot be loaded ({e.Message})");
        }

        ISession? session = null;
        try
        {
            var slot = FindSlot(library, options);
            session = slot.OpenSession(SessionType.ReadOnly);
            try
            {
                session.Login(CKU.CKU_USER, options.Pkcs11Pin ?? string.Empty);
            }
            catch (Pkcs11Exception e) when (e.RV is CKR.CKR_USER_ALREADY_LOGGED_IN)
            {
                // Another session of this process logged the token in already: this one shares that login.
            }
            catch (Pkcs11Exception e) when (e.RV is CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_LEN_RANGE or CKR.CKR_PIN_LOCKED or CKR.CKR_PIN_EXPIRED)
            {
                throw new StatementSigningUnavailableException($"the token refused Statements:Pkcs11Pin ({e.RV})");
            }

            var (keyHandle, certificate, others) = FindKey(session, options.Pkcs11KeyLabel);
            return new Pkcs11StatementKey(library, session, keyHandle, certificate, others);
        }
        catch (Exception e) when (e is Pkcs11Exception or StatementSigningUnavailableException)
        {
            session?.Dispose();
            library.Dispose();
            throw e as StatementSigningUnavailableException ?? new StatementSigningUnavailableException($"the PKCS#11 token failed while opening ({((Pkcs11Exception)e).RV})");
        }
    }

    /// <summary>An RSA key whose signing happens on the token, for <see cref="System.Security.Cryptography.Pkcs.CmsSigner"/>.</summary>
    public RSA CreateRsa()
    {
        using var publicKey = Certificate.GetRSAPublicKey() ?? throw new StatementSigningUnavailableException("the token's signing certificate has no RSA key");
        return new TokenRsa(this, publicKey.ExportParameters(false));
    }

    public void Dispose()
    {
        lock (gate)
        {
            try
            {
                session.Logout();
            }
            catch (Pkcs11Exception)
            {
                // Closing the session and finalising the module end the login anyway.
            }

            session.Dispose();
            library.Dispose();
            Certificate.Dispose();
        }
    }

    // One session, one operation at a time: PKCS#11 forbids two operations in flight on one session.
    private byte[] Sign(byte[] digestInfo)
    {
        lock (gate)
        {
            try
            {
                using var mechanism = session.Factories.MechanismFactory.Create(CKM.CKM_RSA_PKCS);
                return session.Sign(mechanism, privateKey, digestInfo);
            }
            catch (Pkcs11Exception e)
            {
                throw new StatementSigningUnavailableException($"the PKCS#11 token failed while signing ({e.RV})");
            }
        }
    }

    private static ISlot FindSlot(IPkcs11Library library, StatementOptions options)
    {
        var labels = new List<string>();
        foreach (var slot in library.GetSlotList(SlotsType.WithTokenPresent))
        {
            var label = slot.GetTokenInfo().Label.Trim();
            if ((options.Pkcs11Slot is null || slot.SlotId == options.Pkcs11Slot) && (string.IsNullOrEmpty(options.Pkcs11Token) || label == options.Pkcs11Token))
            {
                return slot;
            }

            labels.Add($"'{label}' (slot {slot.SlotId})");
        }

        var wanted = string.IsNullOrEmpty(options.Pkcs11Token) ? $"in slot {options.Pkcs11Slot}" : $"labelled '{options.Pkcs11Token}'";
        var present = labels.Count == 0 ? "no token is present" : "tokens present: " + string.Join(", ", labels);
        throw new StatementSigningUnavailableException($"no PKCS#11 token {wanted} ({present})");
    }

    private static (IObjectHandle Key, X509Certificate2 Certificate, X509Certificate2Collection Others) FindKey(ISession session, string? keyLabel)
    {
        var attributes = session.Factories.ObjectAttributeFactory;
        var search = new List<IObjectAttribute> { attributes.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY), attributes.Create(CKA.CKA_KEY_TYPE, CKK.CKK_RSA) };
        if (!string.IsNullOrEmpty(keyLabel))
        {
            search.Add(attributes.Create(CKA.CKA_LABEL, keyLabel));
        }

        var keys = session.FindAllObjects(search);
        var certificates = new List<(byte[] Id, X509Certificate2 Certificate)>();
        foreach (var handle in session.FindAllObjects([attributes.Create(CKA.CKA_CLASS, CKO.CKO_CERTIFICATE), attributes.Create(CKA.CKA_CERTIFICATE_TYPE, CKC.CKC_X_509)]))
        {
            var values = session.GetAttributeValue(handle, [CKA.CKA_ID, CKA.CKA_VALUE]);
            try
            {
                certificates.Add((values[0].GetValueAsByteArray() ?? [], X509CertificateLoader.LoadCertificate(values[1].GetValueAsByteArray())));
            }
            catch (CryptographicException)
            {
                // An object that is not a readable certificate is no part of the chain.
            }
        }

        foreach (var key in keys)
        {
            var id = session.GetAttributeValue(key, [CKA.CKA_ID])[0].GetValueAsByteArray() ?? [];
            var match = certificates.FindIndex(c => id.Length > 0 && c.Id.AsSpan().SequenceEqual(id));
            if (match >= 0)
            {
                var others = new X509Certificate2Collection();
                foreach (var (_, other) in certificates.Where((_, i) => i != match))
                {
                    others.Add(other);
                }

                return (key, certificates[match].Certificate, others);
            }
        }

        var which = string.IsNullOrEmpty(keyLabel) ? "an RSA private key" : $"an RSA private key labelled '{keyLabel}'";
        throw new StatementSigningUnavailableException(keys.Count == 0
            ? $"the PKCS#11 token holds no {which} (or Statements:Pkcs11Pin does not open it)"
            : $"the PKCS#11 token holds {which} but no certificate with the same CKA_ID");
    }

    /// <summary>RSA for SignedCms: the public half from the certificate, signatures from the token.</summary>
    private sealed class TokenRsa : RSA
    {
        private readonly Pkcs11StatementKey token;
        private readonly RSAParameters publicParameters;

        public TokenRsa(Pkcs11StatementKey token, RSAParameters publicParameters)
        {
            this.token = token;
            this.publicParameters = publicParameters;
            var bits = publicParameters.Modulus!.Length * 8;
            LegalKeySizesValue = [new KeySizes(bits, bits, 0)];
            KeySizeValue = bits;
        }

        public override byte[] SignHash(byte[] hash, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)
        {
            ArgumentNullException.ThrowIfNull(hash);
            if (padding != RSASignaturePadding.Pkcs1)
            {
                throw new CryptographicException("the statements token signs with PKCS#1 v1.5 padding only");
            }

            return token.Sign([.. DigestInfoPrefix(hashAlgorithm), .. hash]);
        }

        public override bool VerifyHash(byte[] hash, byte[] signature, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)
        {
            using var verifier = Create(publicParameters);
            return verifier.VerifyHash(hash, signature, hashAlgorithm, padding);
        }

        public override RSAParameters ExportParameters(bool includePrivateParameters) =>
            includePrivateParameters ? throw new CryptographicException("the private key never leaves the token") : publicParameters;

        public override void ImportParameters(RSAParameters parameters) =>
            throw new NotSupportedException("a key on a token cannot be replaced");

        // DER prefixes of DigestInfo (RFC 8017 §9.2, note 1).
        private static byte[] DigestInfoPrefix(HashAlgorithmName hash) => hash.Name switch
        {
            "SHA256" => [0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20],
            "SHA384" => [0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30],
            "SHA512" => [0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40],
            _ => throw new CryptographicException($"the statements token does not sign {hash.Name} digests"),
        };
    }
}
