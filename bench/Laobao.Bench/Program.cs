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
    "card-sign-in" => await CardSignInScenario.RunAsync(args[1..]),
    "bare-server" => await BareInquiryEndpoint.ServeAsync(args[1..]),
    "micro" => MicroBenchmarks.Run(args[1..]),
    "passwords" => await PasswordHashingScenario.RunAsync(args[1..]),
    "statements" => await StatementScenario.RunAsync(args[1..]),
    "soak" => await SoakScenario.RunAsync(args[1..]),
    "passkeys" => await PasskeyScenario.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Laobao.Bench import --provider Sqlite|Postgres --persons N [--server CONNECTION]");
    Console.Error.WriteLine("       Laobao.Bench import-alerts --provider Sqlite|Postgres [--touched 100000] [--persons N] [--repeat R] [--server CONNECTION]");
    Console.Error.WriteLine("       Laobao.Bench import-memory [--rows 2000000] [--baseline-rows N] [--ceiling-mib 512] [--dir FOLDER]");
    Console.Error.WriteLine("       Laobao.Bench inquiry --provider Sqlite|Postgres --connection CONNECTION [--samples N]");
    Console.Error.WriteLine("       Laobao.Bench estimate --provider Sqlite|Postgres --connection CONNECTION [--samples N]");
    Console.Error.WriteLine("       Laobao.Bench api --provider Sqlite|Postgres --connection CONNECTION --web PATH/Laobao.Web.dll [--clients 8,64] [--seconds 20] [--warm-up 5]\n                    [--prewarm 180] [--prewarm-min 30] [--users 2000] [--sign-in-users 8] [--phases full,bare,sign-in] [--server-gc 1|0] [--pin SERVER:OTHERS]");
    Console.Error.WriteLine("       Laobao.Bench card-sign-in --provider Sqlite|Postgres --connection CONNECTION --web PATH/Laobao.Web.dll [--clients 8] [--seconds 20] [--prewarm 60]\n                    [--revoked 0,100000] [--crl-expiry SECONDS] [--pin SERVER:OTHERS]");
    Console.Error.WriteLine("       Laobao.Bench bare-server --provider Sqlite|Postgres --connection CONNECTION --urls http://127.0.0.1:PORT   (started by api)");
    Console.Error.WriteLine("       Laobao.Bench micro [BenchmarkDotNet arguments]");
    Console.Error.WriteLine("       Laobao.Bench passwords [--memory-kib N] [--iterations N] [--seconds N]");
    Console.Error.WriteLine("       Laobao.Bench statements [--count N]");
    Console.Error.WriteLine("       Laobao.Bench soak --deploy-dir STATE [--minutes 10] [--clients 32] [--max-seconds 20] [--users 2000] [--rate R] [--chart soak.svg]\n                    (deploy/run.sh started with Metrics__Prometheus=true and a seeded store)");
    Console.Error.WriteLine("       Laobao.Bench passkeys --provider Sqlite|Postgres --connection CONNECTION --web PATH/Laobao.Web.dll [--clients 8] [--seconds 20] [--warm-up 5]\n                    [--phases passkey,card,password]");
    return 2;
}
