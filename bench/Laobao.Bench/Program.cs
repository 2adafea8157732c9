using Laobao.Bench;

// Load scenarios are plain console runs (they measure a database, not a method); micro-benchmarks use BenchmarkDotNet.
// Usage: see docs/benchmarks.md.
return args.FirstOrDefault() switch
{
    "import" => await ImportScenario.RunAsync(args[1..]),
    "import-alerts" => await ImportAlertsScenario.RunAsync(args[1..]),
    "import-memory" => await ImportMemoryScenario.RunAsync(args[1..]),
    "inquiry" => await InquiryScenario.RunAsync(args[1..]),
    "estimate" => await EstimateBench.RunAsync(args[1..]),
    "api" => await MobileApiScenario.RunAsync(args[1..]),
    "bare-server" => await BareInquiryEndpoint.ServeAsync(args[1..]),
    "micro" => MicroBenchmarks.Run(args[1..]),
    "passwords" => await PasswordHashingScenario.RunAsync(args[1..]),
    "statements" => await StatementScenario.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Laobao.Bench import --provider Sqlite|Postgres --persons N [--server CONNECTION]");
    Console.Error.WriteLine("       Laobao.Bench import-alerts --provider Sqlite|Postgres [--touched 100000] [--persons N] [--repeat R] [--server CONNECTION]");
    Console.Error.WriteLine("       Laobao.Bench import-memory [--rows 2000000] [--baseline-rows N] [--ceiling-mib 512] [--dir FOLDER]");
    Console.Error.WriteLine("       Laobao.Bench inquiry --provider Sqlite|Postgres --connection CONNECTION [--samples N]");
    Console.Error.WriteLine("       Laobao.Bench estimate --provider Sqlite|Postgres --connection CONNECTION [--samples N]");
    Console.Error.WriteLine("       Laobao.Bench api --provider Sqlite|Postgres --connection CONNECTION --web PATH/Laobao.Web.dll [--clients 64] [--seconds 20] [--warm-up 5] [--prewarm 45] [--users 2000]\n                    [--sign-in-users 8] [--phases full,bare,sign-in] [--server-gc 1|0]");
    Console.Error.WriteLine("       Laobao.Bench bare-server --provider Sqlite|Postgres --connection CONNECTION --urls http://127.0.0.1:PORT   (started by api)");
    Console.Error.WriteLine("       Laobao.Bench micro [BenchmarkDotNet arguments]");
    Console.Error.WriteLine("       Laobao.Bench passwords [--memory-kib N] [--iterations N] [--seconds N]");
    Console.Error.WriteLine("       Laobao.Bench statements [--count N]");
    return 2;
}
