using Laobao.Domain.Pension;
using Laobao.Domain.Salary;
using Laobao.Ops.Import.Kinds;
using Laobao.Web.Data;
using Laobao.Web.Data.Coverage;

namespace Laobao.Ops.Seed;

/// <summary>Rows of one slice of the synthetic population, in <see cref="Laobao.Web.Data.Bulk.RecordTables"/> column order.</summary>
internal sealed class SeedChunk
{
    public List<object?[]> Persons { get; } = [];
    public List<object?[]> Events { get; } = [];
    public List<object?[]> Segments { get; } = [];
    public List<object?[]> Contributions { get; } = [];
    public List<object?[]> Earnings { get; } = [];

    public long RowCount => Persons.Count + Events.Count + Segments.Count + Contributions.Count + Earnings.Count;
}

/// <summary>What the seed builds: how many people, from which seed, up to which day, how many months of pension.</summary>
internal sealed record SeedPlan(int Persons, int Seed, DateOnly AsOf, int PensionMonths)
{
    public int Units => Math.Max(20, Persons / 25);
}

/// <summary>
/// A deterministic synthetic population: each person comes from a random generator seeded by (seed, person
/// number), so any slice can be built on its own and a run is the same for the same seed. Careers are
/// written as coverage events and replayed by <see cref="CoverageTimeline"/> into segments, exactly as an
/// import would store them.
/// </summary>
internal sealed partial class SyntheticPopulation(SeedPlan plan, SalaryGradeTables grades)
{
    private static readonly DateOnly OccupationalActStart = new(2022, 5, 1);
    private static readonly DateOnly EarliestCareer = new(1990, 1, 1);
    private static readonly DateOnly[] GradeTableDates = [new(2024, 1, 1), new(2025, 1, 1), new(2026, 1, 1)];
    private static readonly string[] Surnames = ["陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊", "許", "鄭", "謝", "郭", "洪"];
    private static readonly string[] SurnamesLatin = ["Chen", "Lin", "Huang", "Chang", "Li", "Wang", "Wu", "Liu", "Tsai", "Yang", "Hsu", "Cheng", "Hsieh", "Kuo", "Hung"];
    private static readonly string[] Given = ["志明", "淑芬", "家豪", "怡君", "俊傑", "雅婷", "冠宇", "佳穎", "承恩", "詩涵", "宗翰", "欣怡"];
    private static readonly string[] GivenLatin = ["Chih-ming", "Shu-fen", "Chia-hao", "Yi-chun", "Chun-chieh", "Ya-ting", "Kuan-yu", "Chia-ying", "Cheng-en", "Shih-han", "Tsung-han", "Hsin-yi"];
    private static readonly string[] ForeignNames = ["Nguyen Thi Lan", "Tran Van Minh", "Siti Rahayu", "Maria Santos", "Somchai Wong", "John Miller", "Yuki Tanaka", "Anna Schmidt"];
    private static readonly string[] WorkerNations = ["VN", "ID", "PH", "TH"];
    private static readonly string[] ProfessionalNations = ["US", "JP", "MY", "DE", "GB", "KR"];
    private static readonly string[] Industries = ["精密機械", "電子", "食品", "物流", "營造", "資訊", "紡織", "醫療"];
    private static readonly string[] IndustriesLatin = ["Precision Machinery", "Electronics", "Foods", "Logistics", "Construction", "Information", "Textiles", "Medical"];

    public static string UnitCode(int index) => (100_000_000 + (index * 7)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public IEnumerable<object?[]> Units()
    {
        for (var i = 0; i < plan.Units; i++)
        {
            var random = new Random(StableSeed(plan.Seed, -1 - i));
            var industry = random.Next(Industries.Length);
            var surname = random.Next(Surnames.Length);
            yield return
            [
                UnitCode(i),
                $"{Surnames[surname]}氏{Industries[industry]}股份有限公司{i}",
                $"{SurnamesLatin[surname]} {IndustriesLatin[industry]} Co., Ltd. {i}",
            ];
        }
    }

    /// <summary>
    /// One generator seed per person or unit, the same in every process. (HashCode.Combine is randomised per
    /// process, so two runs of the same --seed built different populations.) A 64-bit finaliser mixes the two.
    /// </summary>
    internal static int StableSeed(int seed, int salt)
    {
        var x = ((ulong)(uint)seed << 32) | (uint)salt;
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb93fe53a87e3UL;
        x ^= x >> 33;
        return unchecked((int)x);
    }

    public SeedChunk Build(int first, int count)
    {
        var chunk = new SeedChunk();
        for (var i = first; i < first + count; i++)
        {
            BuildPerson(i, chunk);
        }

        return chunk;
    }

    private enum Group
    {
        Citizen,
        MigrantWorker,
        ForeignSpouse,
        Aprc,
        ProfessionalAprc,
    }

    private sealed record Job(string Unit, DateOnly Start, DateOnly? End, double Level);

    private void BuildPerson(int serial, SeedChunk chunk)
    {
        var random = new Random(StableSeed(plan.Seed, serial));
        var roll = random.NextDouble();
        var group = roll switch
        {
            < 0.82 => Group.Citizen,
            < 0.88 => Group.MigrantWorker,
            < 0.92 => Group.ForeignSpouse,
            < 0.97 => Group.Aprc,
            _ => Group.ProfessionalAprc,
        };
        var female = random.Next(2) == 1;
        var letter = (char)('A' + random.Next(26));
        string id;
        if (group == Group.Citizen)
        {
            id = SyntheticIds.NationalId(letter, female, serial);
        }
        else if (random.Next(2) == 0)
        {
            id = SyntheticIds.ArcOld(letter, (char)('A' + random.Next(4)), serial);
        }
        else
        {
            id = SyntheticIds.ResidentNew(letter, female, serial);
        }

        var ageYears = group == Group.MigrantWorker ? random.Next(20, 45) : random.Next(20, 72);
        var birth = plan.AsOf.AddYears(-ageYears).AddDays(-random.Next(365));
        string name;
        string? latin;
        string nationality;
        if (group == Group.Citizen)
        {
            var s = random.Next(Surnames.Length);
            var g = random.Next(Given.Length);
            name = Surnames[s] + Given[g];
            latin = $"{SurnamesLatin[s].ToUpperInvariant()}, {GivenLatin[g]}";
            nationality = "TW";
        }
        else
        {
            name = ForeignNames[random.Next(ForeignNames.Length)];
            latin = name;
            nationality = group is Group.MigrantWorker or Group.ForeignSpouse
                ? WorkerNations[random.Next(WorkerNations.Length)]
                : ProfessionalNations[random.Next(ProfessionalNations.Length)];
        }

        // About one citizen in twenty-five never worked: no coverage and no pension data at all.
        var jobs = group == Group.Citizen && random.Next(25) == 0 ? [] : Career(random, birth, group);
        var firstWork = jobs.Count > 0 ? jobs.Min(j => j.Start) : (DateOnly?)null;
        var (scheme, since) = Scheme(random, group, firstWork);
        var residence = group switch
        {
            Group.Citizen => Codes.Citizen,
            Group.Aprc or Group.ProfessionalAprc => Codes.Aprc,
            _ => Codes.Arc,
        };
        chunk.Persons.Add([id, name, latin, birth, nationality, residence, scheme, since]);

        var kindsBase = group is Group.Citizen or Group.ForeignSpouse ? "labour+employment" : "labour";
        var events = new List<TimelineEvent>();
        foreach (var job in jobs)
        {
            AddJobEvents(events, job, kindsBase);
        }

        foreach (var e in events)
        {
            chunk.Events.Add([id, e.UnitCode, e.Event, e.Date, e.Kinds, e.InsuredSalary]);
        }

        var (segments, conflict) = CoverageTimeline.Replay(events);
        if (conflict is not null)
        {
            throw new InvalidOperationException($"synthetic career {serial} does not replay: {conflict.Reason}");
        }

        chunk.Segments.AddRange(segments.Select(s => CoverageEventsImport.SegmentRow(id, s)));
        if (scheme == Codes.SchemeNew)
        {
            AddPension(random, chunk, id, since!.Value, jobs);
        }
    }

    private List<Job> Career(Random random, DateOnly birth, Group group)
    {
        var jobs = new List<Job>();
        var start = birth.AddYears(18 + random.Next(9)).AddDays(random.Next(365));
        if (start < EarliestCareer)
        {
            start = EarliestCareer.AddDays(random.Next(3650));
        }

        if (group == Group.MigrantWorker)
        {
            start = plan.AsOf.AddDays(-random.Next(1, 365 * 9));
            if (start < birth.AddYears(18))
            {
                start = birth.AddYears(18);
            }
        }

        // One stint per unit per person keeps every career replayable; returning to an old employer is left out.
        var used = new HashSet<int>();
        int PickUnit(double roll)
        {
            var index = (int)(plan.Units * roll);
            while (!used.Add(index))
            {
                index = (index + 1) % plan.Units;
            }

            return index;
        }

        var retire = birth.AddYears(65);
        var level = random.NextDouble();
        while (start <= plan.AsOf && start < retire && used.Count < plan.Units - 1)
        {
            var unit = UnitCode(PickUnit(Math.Pow(random.NextDouble(), 2.5)));
            var years = 1 + (int)(-Math.Log(1 - random.NextDouble()) * 4);
            DateOnly? end = start.AddYears(years).AddDays(random.Next(365));
            if (end > retire)
            {
                end = retire;
            }

            if (end >= plan.AsOf)
            {
                end = null;
            }

            jobs.Add(new Job(unit, start, end, level));
            // Now and then a second, part-time job alongside: overlapping periods count once in seniority.
            if (random.Next(12) == 0)
            {
                var sideStart = start.AddDays(random.Next(30, 300));
                var sideEnd = sideStart.AddMonths(random.Next(3, 24));
                if (sideEnd < plan.AsOf && (end is null || sideStart < end))
                {
                    jobs.Add(new Job(UnitCode(PickUnit(random.NextDouble())), sideStart, sideEnd, level * 0.3));
                }
            }

            if (end is null)
            {
                break;
            }

            level = Math.Min(1, level + (random.NextDouble() * 0.15));
            start = end.Value.AddDays(random.Next(5) == 0 ? random.Next(60, 500) : 1);
        }

        return jobs;
    }

    private static (string Scheme, DateOnly? Since) Scheme(Random random, Group group, DateOnly? firstWork)
    {
        if (firstWork is null || group == Group.MigrantWorker)
        {
            return (Codes.SchemeNone, null);
        }

        var residence = group switch
        {
            Group.Citizen => PensionResidence.Citizen,
            Group.ForeignSpouse => PensionResidence.ForeignSpouse,
            Group.Aprc => PensionResidence.Aprc,
            _ => PensionResidence.ForeignProfessionalAprc,
        };
        var eligible = PensionEligibility.EligibleFrom(residence)!.Value;
        if (group == Group.Citizen && firstWork < eligible && random.Next(4) == 0)
        {
            return (Codes.SchemeOld, null);
        }

        return (Codes.SchemeNew, firstWork > eligible ? firstWork : eligible);
    }

    private void AddJobEvents(List<TimelineEvent> events, Job job, string kindsBase)
    {
        var start = job.Start;
        var (labour, occupational) = Salaries(job.Level, start);
        var withOccupational = start >= OccupationalActStart;
        AddSalaryEvents(events, job.Unit, Codes.Enrol, start, kindsBase, withOccupational, labour, occupational);
        if (!withOccupational && (job.End is null || job.End >= OccupationalActStart))
        {
            var (_, occ) = Salaries(job.Level, OccupationalActStart);
            events.Add(new TimelineEvent(job.Unit, Codes.Enrol, OccupationalActStart, Codes.Occupational, occ));
            withOccupational = true;
        }

        // A raise every fifth year, and an adjustment to each new grade table on 1 January.
        var adjustments = new SortedSet<DateOnly>();
        for (var d = start.AddYears(5); d < (job.End ?? plan.AsOf) && d <= plan.AsOf; d = d.AddYears(5))
        {
            adjustments.Add(d);
        }

        foreach (var d in GradeTableDates)
        {
            if (d > start && d <= plan.AsOf && (job.End is null || d < job.End))
            {
                adjustments.Add(d);
            }
        }

        foreach (var d in adjustments)
        {
            var (l, o) = Salaries(Math.Min(1, job.Level + ((d.Year - start.Year) * 0.02)), d);
            AddSalaryEvents(events, job.Unit, Codes.Adjust, d, kindsBase, d >= OccupationalActStart && withOccupational, l, o);
        }

        if (job.End is { } end)
        {
            var kinds = withOccupational && end >= OccupationalActStart ? WithOccupational(kindsBase) : kindsBase;
            events.Add(new TimelineEvent(job.Unit, Codes.Withdraw, end, kinds, null));
        }
    }

    private static void AddSalaryEvents(
        List<TimelineEvent> events, string unit, string kind, DateOnly date, string kindsBase, bool withOccupational, int labour, int occupational)
    {
        if (!withOccupational)
        {
            events.Add(new TimelineEvent(unit, kind, date, kindsBase, labour));
        }
        else if (labour == occupational)
        {
            events.Add(new TimelineEvent(unit, kind, date, WithOccupational(kindsBase), labour));
        }
        else
        {
            events.Add(new TimelineEvent(unit, kind, date, kindsBase, labour));
            events.Add(new TimelineEvent(unit, kind, date, Codes.Occupational, occupational));
        }
    }

    private static string WithOccupational(string kindsBase)
    {
        Codes.TryCanonicalKinds(kindsBase + "+" + Codes.Occupational, out var all, out _);
        return all;
    }

    /// <summary>Insured salaries for a wage level: on the grade tables where one is in force, round figures before.</summary>
    private (int Labour, int Occupational) Salaries(double level, DateOnly date)
    {
        var labourTable = grades.TableFor(SalaryScale.LabourEmployment, date);
        var occupationalTable = grades.TableFor(SalaryScale.Occupational, date);
        if (labourTable is null || occupationalTable is null)
        {
            var factor = 1 - (0.02 * (2024 - date.Year));
            var wage = (int)(Math.Round((20_000 + (level * 50_000)) * Math.Max(0.4, factor) / 100) * 100);
            return (Math.Min(wage, 45_800), wage);
        }

        var o = occupationalTable.Grades[(int)(level * (occupationalTable.Grades.Count - 1))];
        var l = labourTable.Grades[^1];
        foreach (var grade in labourTable.Grades)
        {
            if (grade >= o)
            {
                l = grade;
                break;
            }
        }

        return (l, o);
    }
}
