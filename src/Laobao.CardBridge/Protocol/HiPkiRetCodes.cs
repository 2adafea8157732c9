namespace Laobao.CardBridge.Protocol;

/// <summary>
/// <c>ret_code</c> values of the HiPKI Local Server, as public HiPKI client pages decode them, and
/// the PKCS#11 / HiCOS values the server passes in <c>last_error</c> after a failed card login.
/// </summary>
public static class HiPkiRetCodes
{
    public const int Ok = 0;

    /// <summary>未輸入待簽訊息: no <c>tbs</c>.</summary>
    public const int NoTbs = 0x76000003;

    /// <summary>未插入IC卡: no card (token) in any reader, or not the one named by <c>slotDescription</c>.</summary>
    public const int NoCard = 0x76000006;

    /// <summary>JSON格式錯誤: <c>tbsPackage</c> is not JSON.</summary>
    public const int BadJson = 0x7600000B;

    /// <summary>參數錯誤: a field has a value the bridge does not support.</summary>
    public const int BadParameter = 0x7600000C;

    /// <summary>不支援的方法: an unknown <c>func</c>.</summary>
    public const int UnsupportedMethod = 0x7600000E;

    /// <summary>在未授權的網站執行元件: the calling site is not on the allow-list.</summary>
    public const int SiteNotAllowed = 0x76000031;

    /// <summary>未輸入PIN碼: no PIN.</summary>
    public const int NoPin = 0x76000998;

    /// <summary>無法載入IC卡函式庫檔案: the PKCS#11 module cannot be loaded.</summary>
    public const int LibraryLoadFailed = 0x76100001;

    /// <summary>取得讀卡機資訊失敗: the middleware failed while listing readers.</summary>
    public const int ReaderInfoFailed = 0x76100004;

    /// <summary>IC卡登入失敗: wrong PIN or locked card; <c>last_error</c> says which.</summary>
    public const int LoginFailed = 0x76100006;

    /// <summary>找不到指定憑證: the card has no signing (digitalSignature) certificate.</summary>
    public const int CertificateNotFound = 0x7610000C;

    /// <summary>找不到指定金鑰: the card has no private key for its signing certificate.</summary>
    public const int KeyNotFound = 0x7610000D;

    /// <summary>簽章型別錯誤: <c>signatureType</c> other than PKCS7 or PKCS1.</summary>
    public const int BadSignatureType = 0x76300002;

    /// <summary>簽章執行錯誤: the card failed while signing.</summary>
    public const int SigningFailed = 0x76300004;

    /// <summary>Base64解碼錯誤: <c>tbsEncoding</c> is base64 but <c>tbs</c> is not.</summary>
    public const int Base64DecodeFailed = 0x76600002;

    /// <summary>last_error: PKCS#11 CKR_PIN_INCORRECT.</summary>
    public const int PinIncorrect = 0xA0;

    /// <summary>last_error: PKCS#11 CKR_PIN_LEN_RANGE.</summary>
    public const int PinLengthWrong = 0xA2;

    /// <summary>last_error: PKCS#11 CKR_PIN_LOCKED — the card (or the bridge, after three wrong PINs) refuses every PIN.</summary>
    public const int PinLocked = 0xA4;

    /// <summary>last_error as HiCOS reports a wrong PIN with tries left: 0x80000000 | tries left (as a signed 32-bit number).</summary>
    public static int WrongPinTriesLeft(int triesLeft) => unchecked((int)(0x80000000u | (uint)triesLeft));
}
