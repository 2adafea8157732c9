using System.Globalization;
using Laobao.Ops.Database;
using Laobao.Web.Data;

namespace Laobao.Ops.Seed;

/// <summary><c>laobao seed --persons N [--seed S] [--as-of YYYY-MM-DD] [--pension-months M]</c>.</summary>
internal static class SeedCommand
{
    public const string Usage = "seed --persons N [--seed S] [--csv DIR]";

    /// <summary>The synthetic world ends on a fixed day so the same seed gives the same rows whenever it runs.</summary>
    public static readonly DateOnly DefaultAsOf = new(2026, 10, 31);

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(OpsDatabase.FromEnvironment(), TimeProvider.System, args, output, CancellationToken.None);

    public static async Task<int> RunAsync(DatabaseSettings settings, TimeProvider time, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        int? persons = null;
        var seed = 1;
        var asOf = DefaultAsOf;
        var pensionMonths = 24;
        string? csvFolder = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--persons":
                    persons = PositiveNumber("--persons", value, 10_000_000);
                    break;
                case "--seed":
                    seed = PositiveNumber("--seed", value, int.MaxValue);
                    break;
                case "--pension-months":
                    pensionMonths = PositiveNumber("--pension-months", value, 12 * 30);
                    break;
                case "--csv":
                    csvFolder = value ?? throw new OpsUsageException("--csv needs a folder");
                    break;
                case "--as-of":
                    if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out asOf))
                    {
                        throw new OpsUsageException("--as-of needs an ISO date YYYY-MM-DD");
                    }

                    break;
                default:
                    throw new OpsUsageException($"unknown option '{args[i]}'");
            }

            i++;
        }

        if (persons is null)
        {
            throw new OpsUsageException("--persons N is required");
        }

        var plan = new SeedPlan(persons.Value, seed, asOf, pensionMonths);
        var started = time.GetTimestamp();
        if (csvFolder is not null)
        {
            var written = await SeedCsvWriter.WriteAsync(plan, csvFolder, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"wrote {written:N0} rows of {plan.Persons:N0} synthetic persons (seed {seed}) as the five import files in {csvFolder} in {time.GetElapsedTime(started).TotalSeconds:F1} s"))
                .ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        var lastLine = started;
        var result = await new Seeder(settings).RunAsync(
            plan,
            (done, rows) =>
            {
                var now = time.GetTimestamp();
                if (time.GetElapsedTime(lastLine, now) >= TimeSpan.FromSeconds(5))
                {
                    lastLine = now;
                    var seconds = time.GetElapsedTime(started, now).TotalSeconds;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {done:N0} of {plan.Persons:N0} persons, {rows:N0} rows, {rows / seconds:N0} rows/s"));
                }
            },
            cancellationToken).ConfigureAwait(false);
        var elapsed = time.GetElapsedTime(started).TotalSeconds;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"seeded {OpsDatabase.Describe(settings)} (seed {seed}, as of {asOf:yyyy-MM-dd}): {result.Persons:N0} persons, {result.Units:N0} units, {result.Events:N0} coverage events, {result.Segments:N0} coverage segments, {result.Contributions:N0} pension contributions, {result.Earnings:N0} pension earnings in {elapsed:F1} s ({result.Rows / Math.Max(elapsed, 0.001):N0} rows/s)"))
            .ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static int PositiveNumber(string option, string? value, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max
            ? n
            : throw new OpsUsageException(string.Create(CultureInfo.InvariantCulture, $"{option} needs a whole number from 1 to {max}"));
}
