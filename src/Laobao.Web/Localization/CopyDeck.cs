namespace Laobao.Web.Localization;

/// <summary>One user-visible text in both languages. Having both in one record makes a missing translation a compile error.</summary>
public sealed record BilingualText(string ZhTw, string En)
{
    public string In(UiLanguage language) => language == UiLanguage.En ? En : ZhTw;
}

/// <summary>
/// Every word the e-desk shows. The keys of SPEC §0 carry the exact labels that published
/// walkthroughs quote, so they must not be reworded.
/// </summary>
public static class CopyDeck
{
    public static IReadOnlyDictionary<string, BilingualText> Entries { get; } = new Dictionary<string, BilingualText>(StringComparer.Ordinal)
    {
        // SPEC §0 labels, verbatim.
        ["login"] = new("登入", "Log in"),
        ["pin"] = new("憑證密碼 (PIN)", "Card PIN"),
        ["idNumber"] = new("身分證號 / 居留證號", "ID / ARC number"),
        ["birthDate"] = new("出生日期 (民國年 YYYMMDD)", "Date of birth (ROC, YYYMMDD)"),
        ["mobileAccounts"] = new("行動服務帳號作業", "Mobile Services Account Management"),
        ["createAccount"] = new("建立服務帳號", "Create a services account"),
        ["agreeTerms"] = new("同意條款內容", "Agree to terms"),
        ["account"] = new("帳號 (電子郵件)", "Account (email)"),
        ["password"] = new("密碼", "Password"),
        ["confirmPassword"] = new("確認密碼", "Confirm password"),
        ["mobileNumber"] = new("手機號碼", "Mobile number"),
        ["activateAccount"] = new("帳號啟用", "Activate account"),
        ["verifyDevice"] = new("認證裝置", "Verify device"),
        ["personalInquiry"] = new("個人查詢", "Individual inquiry"),
        ["coverageInquiry"] = new("投保資料查詢", "Check coverage info"),
        ["pensionInquiry"] = new("勞工退休金個人專戶查詢", "Labour pension account"),

        // Frame of every page.
        ["siteName"] = new("勞保 e 化服務櫃台", "Laobao e-desk"),
        ["siteTagline"] = new("查詢您自己的勞工保險與勞工退休金資料", "See your own labour insurance and labour pension records"),
        ["languageSwitch"] = new("English", "中文"),
        ["languageSwitchLabel"] = new("切換語言", "Change language"),
        ["skipToContent"] = new("跳到主要內容", "Skip to main content"),
        ["homeWelcome"] = new("歡迎使用勞保 e 化服務櫃台", "Welcome to the Laobao e-desk"),
        ["homeIntro"] = new(
            "請準備自然人憑證卡片與讀卡機，以憑證登入後即可建立行動服務帳號，並以手機查詢投保資料與勞工退休金。",
            "Have your Citizen Digital Certificate card and a card reader ready. After you log in with the card you can create a mobile services account and see your coverage and labour pension on your phone."),
        ["homeStepsTitle"] = new("使用步驟", "How it works"),
        ["homeStep1"] = new("以自然人憑證登入。", "Log in with your Citizen Digital Certificate."),
        ["homeStep2"] = new("在「行動服務帳號作業」建立服務帳號，並以電子郵件收到的驗證碼啟用。", "Under “Mobile Services Account Management”, create a services account and activate it with the code sent to your email."),
        ["homeStep3"] = new("以手機 App 掃描 QR Code 認證裝置。", "Scan the QR code with the phone app to verify your device."),
        ["homeStep4"] = new("在 App 以電子郵件與密碼登入，查詢投保資料與勞工退休金。", "Sign in to the app with your email and password to see your coverage and labour pension."),
        ["errorTitle"] = new("系統暫時無法處理您的要求", "We could not complete your request"),
        ["errorBody"] = new("您已送出的資料不會遺失。請稍後再試；若問題持續，請聯絡客服並提供下方的參考編號。", "Nothing you already submitted is lost. Please try again in a few minutes; if it keeps happening, contact the service desk and quote the reference below."),
        ["errorReference"] = new("參考編號：", "Reference:"),
        ["backToHome"] = new("回到首頁", "Back to the home page"),
        ["footerNote"] = new("勞保 (Laobao) 是開放原始碼的社會保險自助查詢系統。", "Laobao is an open-source self-service system for social insurance records."),

        // Card sign-in page (/desk/login).
        ["loginTitle"] = new("自然人憑證登入", "Log in with your Citizen Digital Certificate"),
        ["loginIntro"] = new(
            "請將自然人憑證插入讀卡機，並確認電腦上已啟動憑證元件（HiPKI Local Server 或 Laobao CardBridge）。",
            "Put your Citizen Digital Certificate card in the card reader and make sure the card component on your computer (HiPKI Local Server or Laobao CardBridge) is running."),
        ["pinHint"] = new("PIN 只會交給您電腦上的憑證元件，不會傳送到本網站。", "Your PIN goes only to the card component on your computer, never to this website."),
        ["idNumberHint"] = new("例如 A123456789；外籍人士請輸入居留證號。", "For example A123456789; foreign residents enter their ARC / UI number."),
        ["birthDateHint"] = new("例如 0600102 代表民國 60 年 1 月 2 日。", "For example 0600102 means ROC year 60, January 2 (1971-01-02)."),
        ["birthDateGregorian"] = new("西元：", "Gregorian:"),
        ["loginWorking"] = new("正在與讀卡元件連線，請依彈出視窗操作…", "Contacting the card component; please follow the pop-up window…"),
        ["loginVerifying"] = new("正在驗證憑證…", "Checking the certificate…"),
        ["loginSuccess"] = new("登入成功，正在進入服務櫃台…", "Signed in; opening your e-desk…"),
        ["loginNeedsScript"] = new("本頁需要啟用 JavaScript 才能讀取憑證卡片。", "This page needs JavaScript to read the card."),

        // As-you-type checks on the login form (the server checks again).
        ["idEmpty"] = new("請輸入身分證號或居留證號。", "Enter your ID or ARC number."),
        ["idLength"] = new("號碼應為 10 碼（1 個英文字母加 9 位數字，或 2 個英文字母加 8 位數字）。", "The number has 10 characters (1 letter and 9 digits, or 2 letters and 8 digits)."),
        ["idPattern"] = new("格式不符：第 1 碼為英文字母，第 2 碼為 1、2、8、9 或 A–D，其餘為數字。", "Wrong pattern: a letter first, then 1, 2, 8, 9 or A–D, then digits."),
        ["idChecksum"] = new("檢查碼不符，請確認每一碼是否輸入正確。", "The check digit does not match; check each character."),
        ["idOk"] = new("號碼格式正確。", "The number is well formed."),
        ["birthEmpty"] = new("請輸入出生日期（民國年月日 7 碼，例如 0600102）。", "Enter your date of birth as 7 ROC digits, e.g. 0600102."),
        ["birthFormat"] = new("請輸入 7 位數字（民國年 3 碼、月 2 碼、日 2 碼），例如 0600102。", "Enter 7 digits (ROC year 3, month 2, day 2), e.g. 0600102."),
        ["birthYear"] = new("民國年份必須從 001 起算（民國 1 年為西元 1912 年）。", "The ROC year starts at 001 (ROC year 1 is 1912)."),
        ["birthMonth"] = new("月份應為 01 到 12。", "The month must be 01 to 12."),
        ["birthDay"] = new("這個月份沒有這一天。", "That month has no such day."),
        ["birthFuture"] = new("出生日期不可晚於今天。", "The date of birth cannot be in the future."),
        ["pinEmpty"] = new("請輸入憑證密碼 (PIN)。", "Enter your card PIN."),
        ["pinLength"] = new("PIN 為 6 到 8 位數字。", "The PIN is 6 to 8 digits."),

        // Why a sign-in failed and what to do next, per server code (SPEC §4.3).
        ["error.request.malformed"] = new("送出的資料不完整或格式不符，請重新整理本頁後再試一次。", "What was sent was incomplete or not in the expected form. Reload this page and try again."),
        ["error.challenge.unknown"] = new("這次登入的驗證碼已使用過或不屬於此瀏覽器，請再按一次「登入」。", "This sign-in's one-time code was already used or belongs to another browser. Press “Log in” again."),
        ["error.challenge.expired"] = new("簽章逾時（超過 5 分鐘），請再按一次「登入」。", "The signature took longer than 5 minutes. Press “Log in” again."),
        ["error.signature.invalid"] = new("卡片簽章無法驗證，請確認使用的是您本人的自然人憑證後再試一次。", "The card's signature could not be verified. Make sure you are using your own Citizen Digital Certificate and try again."),
        ["error.signature.content-mismatch"] = new("簽章內容與本網站要求的不一致，請重新整理本頁後再試一次；若持續發生，請更新憑證元件。", "The signed text is not what this site asked for. Reload the page and try again; if it keeps happening, update the card component."),
        ["error.certificate.not-yet-valid"] = new("此憑證尚未生效，請於生效日後再使用，或檢查電腦的日期時間。", "This certificate is not valid yet. Use it after its start date, or check your computer's date and time."),
        ["error.certificate.expired"] = new("您的自然人憑證已過期，請至戶政事務所辦理展期或換發後再登入。", "Your Citizen Digital Certificate has expired. Renew it at a household registration office, then log in again."),
        ["error.certificate.untrusted"] = new("此卡片不是本網站接受的自然人憑證，請改用內政部核發的自然人憑證。", "This card is not a Citizen Digital Certificate this site accepts. Use the card issued by the Ministry of the Interior."),
        ["error.certificate.wrong-usage"] = new("此憑證不能用於簽章，請使用自然人憑證卡片上的簽章憑證。", "This certificate is not for signing. Use the signing certificate on your Citizen Digital Certificate card."),
        ["error.certificate.policy"] = new("此憑證不是自然人憑證，請改用自然人憑證卡片。", "This certificate is not a Citizen Digital Certificate. Use your citizen certificate card."),
        ["error.certificate.revoked"] = new("此憑證已被廢止，無法登入。如需協助，請洽內政部憑證管理中心或戶政事務所申請新卡。", "This certificate has been revoked and cannot be used. Apply for a new card at a household registration office."),
        ["error.certificate.revocation-unknown"] = new("目前無法確認憑證是否有效（廢止清冊暫時無法取得），請稍後再試。", "We cannot check right now whether the certificate is still valid (the revocation list is unavailable). Please try again later."),
        ["error.identity.mismatch"] = new("卡片、身分證號與出生日期不一致，請確認輸入的是卡片持有人本人的號碼與出生日期。", "The card, the ID number and the date of birth do not match. Enter the card holder's own ID number and date of birth."),
        ["error.person.not-found"] = new("查無您的勞保或勞退資料。如您確定曾投保，請洽勞動部勞工保險局。", "We have no labour insurance or pension record for you. If you have been insured, contact the Bureau of Labor Insurance."),
        ["error.rate-limited"] = new("登入失敗次數過多，請 15 分鐘後再試。", "Too many failed sign-ins. Please wait 15 minutes and try again."),
        ["error.network"] = new("無法連上本網站，請檢查網路連線後再試一次。", "This site could not be reached. Check your network connection and try again."),

        // What the card component reported (HiPKI ret_code) and what to do next.
        ["bridge.notRunning"] = new("找不到讀卡元件：請安裝並啟動 HiPKI Local Server 或 Laobao CardBridge，確認讀卡機已接上後再試一次。", "The card component did not answer. Install and start HiPKI Local Server or Laobao CardBridge, check that the card reader is connected, and try again."),
        ["bridge.popupBlocked"] = new("瀏覽器封鎖了讀卡視窗，請允許本網站開啟彈出視窗後再試一次。", "Your browser blocked the card window. Allow pop-ups for this site and try again."),
        ["bridge.noCard"] = new("讀不到卡片：請確認讀卡機已接上，並將自然人憑證正確插入後再試一次。", "No card was found. Check that the reader is connected and the Citizen Digital Certificate is inserted correctly, then try again."),
        ["bridge.wrongPin"] = new("PIN 碼錯誤，請重新輸入。連續錯誤 3 次卡片將被鎖住。", "Wrong PIN. Enter it again; three wrong PINs in a row lock the card."),
        ["bridge.locked"] = new("卡片已被鎖住（PIN 錯誤次數過多），請至戶政事務所或以自然人憑證網站的工具解鎖。", "The card is locked (too many wrong PINs). Unlock it at a household registration office or with the MOICA unlock tool."),
        ["bridge.notAllowed"] = new("讀卡元件尚未允許本網站使用卡片，請在元件的設定中加入本網站後再試一次。", "The card component does not allow this site yet. Add this site in the component's settings and try again."),
        ["bridge.cancelled"] = new("已取消簽章，如要登入請再按一次「登入」。", "Signing was cancelled. Press “Log in” again to sign in."),
        ["bridge.noCertificate"] = new("卡片上找不到簽章用憑證，請確認插入的是自然人憑證。", "No signing certificate was found on the card. Check that the inserted card is a Citizen Digital Certificate."),
        ["bridge.other"] = new("讀卡元件回報錯誤（代碼 {0}），請重新插入卡片後再試一次；若持續發生，請重新啟動讀卡元件。", "The card component reported an error (code {0}). Re-insert the card and try again; if it keeps happening, restart the card component."),

        // Signed-in e-desk home (/desk).
        ["deskSignedInAs"] = new("登入身分", "Signed in as"),
        ["deskName"] = new("姓名", "Name"),
        ["deskIdNumber"] = new("身分證號", "ID number"),
        ["deskMenu"] = new("服務項目", "Services"),
        ["deskMobileAccountsHint"] = new("建立或啟用行動服務帳號、認證裝置。", "Create or activate your mobile services account and verify your phone."),
        ["deskPersonalInquiryHint"] = new("查詢投保資料與勞工退休金個人專戶。", "See your coverage and your labour pension account."),
        ["logout"] = new("登出", "Log out"),
        ["sessionNote"] = new("為保護您的資料，閒置 15 分鐘或登入滿 8 小時會自動登出。", "To protect your data you are signed out after 15 minutes without activity or 8 hours after signing in."),

        // Linking a phone (/desk/devices, SPEC §6).
        ["deviceLinkIntro"] = new("請以手機 App 掃描下方 QR Code，或在 App 輸入手動代碼。代碼每 10 秒更新，3 分鐘內有效且只能使用一次。", "Scan the QR code below with the phone app, or type the manual code into the app. The code changes every 10 seconds, is valid for 3 minutes and works once."),
        ["deviceLinkQrAlt"] = new("認證裝置用 QR Code", "QR code for verifying a device"),
        ["deviceLinkManualCode"] = new("手動代碼", "Manual code"),
        ["deviceLinkExpires"] = new("有效至", "Valid until"),
        ["deviceLinkWaiting"] = new("手機已送出認證要求：", "A phone asked to be linked:"),
        ["deviceLinkPick"] = new("請選擇手機畫面上顯示的兩位數字。選錯一次，本次認證即取消。", "Pick the two-digit number your phone shows. One wrong pick cancels this attempt."),
        ["deviceLinkLinked"] = new("裝置已認證完成，並已寄送通知信。", "The device is linked; a notice was sent to your email."),
        ["deviceLinkRefused"] = new("數字不符，本次認證已取消。請在手機上重新開始。", "The number did not match, so this attempt was cancelled. Start again on the phone."),
        ["deviceLinkExpired"] = new("認證要求已逾時，請在手機上重新開始。", "The request timed out. Start again on the phone."),
        ["deviceLinkNeedsActivation"] = new("請先建立並啟用行動服務帳號，才能認證裝置。", "Create and activate your mobile services account before verifying a device."),
        ["deviceLinkError"] = new("暫時無法產生代碼，請重新整理頁面。", "The code could not be drawn; reload the page."),
        ["deviceLinkNeedsScript"] = new("認證裝置需要啟用 JavaScript。", "Verifying a device needs JavaScript."),
        ["devicesTitle"] = new("已認證的裝置", "Linked devices"),
        ["devicesNone"] = new("尚未認證任何裝置。", "No device is linked yet."),
        ["deviceName"] = new("裝置名稱", "Device"),
        ["devicePlatform"] = new("平台", "Platform"),
        ["deviceLinkedAt"] = new("認證時間", "Linked"),
        ["deviceLastUsed"] = new("最近使用", "Last used"),
        ["deviceUnlink"] = new("解除認證", "Unlink"),
        ["deviceUnlinked"] = new("裝置已解除認證，該裝置的登入已全部失效。", "The device was unlinked and all its sessions ended."),
        ["deviceNever"] = new("—", "—"),

        // 個人查詢 (/desk/inquiry): the same figures the app shows.
        ["inquiryIntro"] = new("資料與手機 App 顯示的相同，日期以民國年與西元年並列。", "The same figures the phone app shows; every date is given in the ROC and the Gregorian calendar."),
        ["inquiryAsOf"] = new("資料日期", "As of"),
        ["inquiryUnit"] = new("投保單位", "Insured unit"),
        ["inquiryUnitCode"] = new("保險證號", "Unit code"),
        ["inquiryKind"] = new("保險類別", "Insurance"),
        ["inquiryStart"] = new("加保日期", "Enrolled"),
        ["inquiryEnd"] = new("退保日期", "Withdrawn"),
        ["inquiryOpen"] = new("投保中", "Still insured"),
        ["inquirySalary"] = new("投保薪資", "Insured salary"),
        ["inquirySalarySteps"] = new("調薪紀錄", "Salary changes"),
        ["inquiryPeriods"] = new("投保紀錄", "Coverage periods"),
        ["inquiryNoPeriods"] = new("查無投保紀錄。", "No coverage is on record."),
        ["inquirySeniority"] = new("投保年資", "Seniority"),
        ["inquirySeniorityValue"] = new("{0} 年 {1} 日（共 {2} 日）", "{0} years {1} days ({2} days in all)"),
        ["inquiryCurrent"] = new("目前投保狀況", "Current status"),
        ["inquiryInsuredNow"] = new("目前投保中", "Insured now"),
        ["inquiryNotInsuredNow"] = new("目前未投保", "Not insured now"),
        ["inquirySince"] = new("起", "since"),
        ["kind.labour"] = new("勞工保險", "Labour insurance"),
        ["kind.occupational"] = new("職業災害保險", "Occupational accident insurance"),
        ["kind.employment"] = new("就業保險", "Employment insurance"),
        ["pensionScheme"] = new("適用制度", "Scheme"),
        ["scheme.new"] = new("勞工退休金新制", "New labour pension scheme"),
        ["scheme.old"] = new("勞工退休金舊制", "Old pension scheme"),
        ["scheme.none"] = new("未適用", "Not covered"),
        ["pensionSince"] = new("適用日期", "Since"),
        ["pensionTotals"] = new("專戶累計", "Account totals"),
        ["pensionEmployer"] = new("雇主提繳", "Employer contributions"),
        ["pensionVoluntary"] = new("個人自願提繳", "Voluntary contributions"),
        ["pensionEarnings"] = new("收益", "Credited earnings"),
        ["pensionBalance"] = new("專戶餘額", "Balance"),
        ["pensionContributions"] = new("每月提繳明細", "Monthly contributions"),
        ["pensionMonth"] = new("提繳年月", "Month"),
        ["pensionWage"] = new("提繳工資", "Contribution wage"),
        ["pensionPage"] = new("第 {0} 頁，共 {1} 頁", "Page {0} of {1}"),
        ["pensionPrevious"] = new("上一頁", "Previous"),
        ["pensionNext"] = new("下一頁", "Next"),
        ["backToInquiry"] = new("回個人查詢", "Back to individual inquiry"),
    };

    public static string Text(string key, UiLanguage language) =>
        Entries.TryGetValue(key, out var text)
            ? text.In(language)
            : throw new KeyNotFoundException($"No copy-deck entry '{key}'.");
}
