using System.Security.Cryptography;
using Laobao.Pkcs11;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using ISession = Net.Pkcs11Interop.HighLevelAPI.ISession;

namespace Laobao.CardBridge.Cards;

/// <summary>An RSA key that stays on the card: the DigestInfo is signed by the card in its open session.</summary>
internal sealed class Pkcs11Rsa(ISession session, IObjectHandle privateKey, RSAParameters publicParameters)
    : TokenRsa(publicParameters, "the card")
{
    protected override byte[] SignDigestInfo(byte[] digestInfo)
    {
        using var mechanism = session.Factories.MechanismFactory.Create(CKM.CKM_RSA_PKCS);
        return session.Sign(mechanism, privateKey, digestInfo);
    }
}
