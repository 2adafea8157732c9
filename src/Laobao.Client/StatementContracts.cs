namespace Laobao.Client;

/// <summary>The public answer about one statement (SPEC §10): never its content.</summary>
public sealed record StatementCheckView(string Code, string Status, string Kind, DateView IssuedOn, DateView ValidUntil, string Holder, string Sha256);

/// <summary>Whether an uploaded file is byte for byte the issued statement.</summary>
public sealed record StatementUploadCheckView(string Code, string Status, bool Identical, string IssuedSha256, string UploadedSha256);

/// <summary>One of the person's own statements.</summary>
public sealed record StatementView(string Code, string GroupedCode, string Kind, DateView AsOf, DateView IssuedOn, DateView ValidUntil, string Status, string Sha256, DateView? RevokedOn);

/// <summary>POST /api/v1/me/statements: kind coverage or pension, optional as-of date (ISO).</summary>
public sealed record IssueStatementRequest(string? Kind, string? AsOf);

/// <summary>A file the API sent (a statement PDF, the my-data ZIP) with the name the server gave it.</summary>
public sealed record DownloadedFile(string FileName, string ContentType, byte[] Content);
