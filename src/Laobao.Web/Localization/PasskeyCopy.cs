namespace Laobao.Web.Localization;

/// <summary>
/// Copy of passkeys and tiered assurance (SPEC §11, issue 17), kept apart from <see cref="CopyDeck"/> so features merge
/// cleanly; <see cref="CopyDeck.Entries"/> holds these too. Every refusal code has a sentence saying what to do next.
/// </summary>
public static class PasskeyCopy
{
    public static IReadOnlyDictionary<string, BilingualText> Entries { get; } = new Dictionary<string, BilingualText>(StringComparer.Ordinal)
    {
        // Sign-in page.
        ["passkeyLoginTitle"] = new("以通行密鑰登入", "Sign in with a passkey"),
        ["passkeyLoginIntro"] = new(
            "已在 e 化服務櫃台新增通行密鑰的人，可以用指紋、臉部或裝置螢幕鎖登入，不需讀卡機。通行密鑰登入可查詢資料；變更帳號仍需自然人憑證。",
            "If you added a passkey on the e-desk, you can sign in with your fingerprint, face or device screen lock, without a card reader. A passkey sign-in lets you look at your records; changing your account still needs the card."),
        ["passkeyLoginButton"] = new("以通行密鑰登入", "Sign in with a passkey"),
        ["passkeyLoginWorking"] = new("請依裝置的提示驗證身分…", "Follow your device's prompt to confirm it is you…"),
        ["passkeyLoginSuccess"] = new("登入成功，正在前往…", "Signed in; taking you there…"),
        ["passkeyNotSupported"] = new("這個瀏覽器不支援通行密鑰。請改用自然人憑證登入，或換用較新的瀏覽器。", "This browser does not support passkeys. Log in with the card, or use a newer browser."),
        ["passkeyCancelled"] = new("已取消，或裝置上沒有本網站的通行密鑰。可再試一次，或改用自然人憑證登入。", "Cancelled, or this device has no passkey for this site. Try again, or log in with the card."),
        ["orCardLogin"] = new("或以自然人憑證登入", "Or log in with the card"),

        // Step-up to the card.
        ["cardRequiredTitle"] = new("這一步需要自然人憑證", "This step needs your card"),
        ["cardRequiredBody"] = new(
            "您目前以通行密鑰登入，只能查詢資料。申請、變更電子郵件、手機或密碼、關閉帳號、認證新手機與新增通行密鑰，都需要以自然人憑證再次登入，以確認是您本人。登入後會回到您剛才的頁面。",
            "You are signed in with a passkey, which lets you look at your records only. Applying, changing your email, mobile number or password, closing the account, linking a new phone and adding a passkey need you to log in with your card again, to confirm it is you. After you log in you will be taken back to where you were."),
        ["assuranceCard"] = new("以自然人憑證登入", "Logged in with the card"),
        ["assurancePasskey"] = new("以通行密鑰登入（僅供查詢）", "Signed in with a passkey (look-up only)"),
        ["assuranceLabel"] = new("登入方式", "Signed in with"),

        // Account page: the list.
        ["passkeysTitle"] = new("通行密鑰", "Passkeys"),
        ["passkeysIntro"] = new(
            "新增通行密鑰後，下次可以用指紋、臉部或螢幕鎖登入 e 化服務櫃台查詢資料，不需讀卡機。新增通行密鑰需要以自然人憑證登入。",
            "With a passkey you can sign in to the e-desk next time with your fingerprint, face or screen lock to look at your records, without a card reader. Adding a passkey needs a card sign-in."),
        ["passkeysNone"] = new("尚未新增通行密鑰。", "No passkeys yet."),
        ["passkeyAdd"] = new("新增通行密鑰", "Add a passkey"),
        ["passkeyName"] = new("名稱", "Name"),
        ["passkeyCreated"] = new("新增時間", "Created"),
        ["passkeyLastUsed"] = new("上次使用", "Last used"),
        ["passkeyNeverUsed"] = new("尚未使用", "Not used yet"),
        ["passkeyRemove"] = new("移除", "Remove"),
        ["passkeyRemoveLabel"] = new("移除通行密鑰「{0}」", "Remove the passkey \"{0}\""),
        ["passkeyKind.desk"] = new("e 化服務櫃台", "e-desk"),
        ["passkeyKind.app"] = new("手機 App", "phone app"),
        ["passkeyKindLabel"] = new("用於", "Used on"),
        ["done.passkey-added"] = new("已新增通行密鑰。下次可在登入頁選「以通行密鑰登入」。", "The passkey was added. Next time choose \"Sign in with a passkey\" on the login page."),
        ["done.passkey-removed"] = new("已移除通行密鑰，它不能再用來登入。", "The passkey was removed; it can no longer be used to sign in."),

        // Add page.
        ["passkeyAddTitle"] = new("新增通行密鑰", "Add a passkey"),
        ["passkeyAddIntro"] = new(
            "為這個裝置取一個您認得的名稱，再依裝置的提示以指紋、臉部或螢幕鎖確認。通行密鑰只存在您的裝置上，本網站只保存它的公開金鑰。",
            "Give this device a name you will recognise, then confirm with your fingerprint, face or screen lock when your device asks. The passkey stays on your device; this site keeps only its public key."),
        ["passkeyNameHint"] = new("例如：我的手機、辦公室電腦（最多 64 字）", "For example: my phone, office computer (up to 64 characters)"),
        ["passkeyNameDefault"] = new("我的通行密鑰", "My passkey"),
        ["passkeyAddButton"] = new("建立通行密鑰", "Create the passkey"),
        ["passkeyAddWorking"] = new("請依裝置的提示確認…", "Confirm on your device…"),

        // Refusals: one sentence per stable code.
        ["passkeyError.request.malformed"] = new("送出的資料不完整，請重新整理頁面再試一次。", "What was sent was incomplete. Reload the page and try again."),
        ["passkeyError.challenge.unknown"] = new("這次的登入要求已失效或已用過，請再按一次按鈕。", "This request has expired or was already used. Press the button again."),
        ["passkeyError.challenge.expired"] = new("逾時了，請再按一次按鈕。", "That took too long. Press the button again."),
        ["passkeyError.passkey.unknown"] = new("這個通行密鑰沒有登記在本網站（可能已被移除）。請以自然人憑證登入，再新增通行密鑰。", "This passkey is not registered here (it may have been removed). Log in with the card, then add a passkey again."),
        ["passkeyError.passkey.user-mismatch"] = new("通行密鑰與帳號不符，已拒絕登入。", "The passkey does not belong to that account; the sign-in was refused."),
        ["passkeyError.passkey.origin-mismatch"] = new("這個通行密鑰回應不是為本網站產生的，已拒絕。請確認網址正確。", "This passkey answer was not made for this site and was refused. Check the address you are on."),
        ["passkeyError.passkey.rp-mismatch"] = new("這個通行密鑰屬於其他網站，已拒絕。", "This passkey belongs to another site and was refused."),
        ["passkeyError.passkey.challenge-mismatch"] = new("通行密鑰的回應與這次的要求不符，請再試一次。", "The passkey's answer does not match this request. Try again."),
        ["passkeyError.passkey.signature-invalid"] = new("通行密鑰的簽章無法驗證，已拒絕登入。", "The passkey's signature could not be verified; the sign-in was refused."),
        ["passkeyError.passkey.counter-regressed"] = new("這個通行密鑰的使用次數倒退，可能已被複製，因此拒絕登入。請以自然人憑證登入並移除它。", "This passkey's use counter went backwards, so it may have been copied; the sign-in was refused. Log in with the card and remove it."),
        ["passkeyError.passkey.user-verification-missing"] = new("裝置沒有確認是您本人（指紋、臉部或螢幕鎖）。請在裝置上設定螢幕鎖後再試。", "Your device did not confirm it is you (fingerprint, face or screen lock). Set a screen lock on the device and try again."),
        ["passkeyError.passkey.authenticator-not-allowed"] = new("本服務不接受這種驗證器，請改用其他裝置。", "This service does not accept this kind of authenticator. Use another device."),
        ["passkeyError.passkey.already-registered"] = new("這個通行密鑰已經新增過了。", "This passkey has already been added."),
        ["passkeyError.passkey.too-many"] = new("通行密鑰已達上限，請先移除不用的通行密鑰。", "You have the most passkeys allowed. Remove one you no longer use first."),
        ["passkeyError.passkey.device-required"] = new("這個通行密鑰只能在認證過的手機 App 上使用，且需要手機的裝置金鑰。", "This passkey works only in the verified phone app, with the phone's device key."),
        ["passkeyError.passkey.invalid"] = new("通行密鑰的回應無法驗證，已拒絕。", "The passkey's answer could not be verified and was refused."),
        ["passkeyError.rate-limited"] = new("失敗次數過多，請 15 分鐘後再試，或改用自然人憑證登入。", "Too many failed attempts. Try again in 15 minutes, or log in with the card."),
        ["passkeyError.assurance.card-required"] = new("這一步需要以自然人憑證登入；通行密鑰登入只能查詢資料。", "This step needs a card sign-in; a passkey sign-in lets you look at your records only."),
    };
}
