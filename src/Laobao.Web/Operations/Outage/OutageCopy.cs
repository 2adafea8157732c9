namespace Laobao.Web.Operations.Outage;

/// <summary>What a person reads while the store is away, in both languages (SPEC §13).</summary>
public static class OutageCopy
{
    public const string Code = "service-unavailable";

    public const string TitleZh = "系統暫時無法使用";
    public const string TitleEn = "Laobao is briefly unavailable";

    public const string BodyZh = "勞保 e 化服務櫃台暫時無法讀寫資料。先前已完成的申請與紀錄都已保存；剛才送出的這一筆沒有儲存，請稍候幾秒後再試一次。";
    public const string BodyEn = "The Laobao e-desk cannot reach its records right now. What you completed before is safely stored; what you just sent was not saved. Please wait a few seconds and try again.";

    public const string RetryZh = "重新整理";
    public const string RetryEn = "Try again";

    /// <summary>One English sentence for the problem document's title; the detail carries both languages.</summary>
    public const string ProblemTitle = "The service is briefly unavailable: the records store cannot be reached. Try again after Retry-After seconds.";
    public const string ProblemDetail = BodyZh + " / " + BodyEn;
}
