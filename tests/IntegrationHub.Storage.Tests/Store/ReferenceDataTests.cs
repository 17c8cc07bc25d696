using IntegrationHub.Core.DueDates;
using IntegrationHub.Core.Procedures;
using IntegrationHub.Storage.Seed;
using IntegrationHub.Storage.Tests.Fixtures;

namespace IntegrationHub.Storage.Tests.Store;

public sealed class ReferenceDataTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_seed_is_loaded_once_and_dated_rows_pick_the_name_in_force(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        await t.ReopenAsync(); // loads the seed a second time

        var seed = SeedLoader.ReadEmbedded();
        Assert.Equal(seed.Procedures.Count, await t.CountAsync("procedures"));
        Assert.Equal(seed.Agencies.Count, await t.CountAsync("agencies"));
        Assert.Equal("Sở Kế hoạch và Đầu tư", (await t.Store.FindAgencyAsync("000.00.25.H47", new(2024, 6, 1)))!.Name);
        Assert.StartsWith("Sở Tài chính", (await t.Store.FindAgencyAsync("000.00.25.H47", new(2026, 11, 28)))!.Name);
        Assert.Null(await t.Store.FindAgencyAsync("000.30.20.H47", new(2024, 6, 1)));
        Assert.Equal(OfficeHours.Default, (await t.Store.FindAgencyAsync("000.00.19.H47", new(2026, 11, 28)))!.OfficeHours, new OfficeHoursComparer());

        var procedure = await t.Store.FindProcedureAsync("1.001612", "000.00.25.H47", new(2026, 11, 28));
        Assert.Equal(new ProcessingTime(3, ProcessingTimeUnit.WorkingDays), procedure!.ProcessingTime);
        Assert.Equal((OnlineLevel.Full, "planning-investment", true), (procedure.OnlineLevel, procedure.VerticalSystem, procedure.RequiresValidSignature));
        Assert.Null(await t.Store.FindProcedureAsync("1.001612", "000.00.19.H47", new(2026, 11, 28)));
    }

    [Fact]
    public void The_seed_is_a_realistic_set_across_the_three_vertical_systems()
    {
        var seed = SeedLoader.ReadEmbedded();

        Assert.True(seed.Procedures.Count >= 12);
        Assert.Equal(VerticalSystems.All.Order(), seed.Procedures.Select(p => p.VerticalSystem).Distinct().Order());
        Assert.Contains(seed.Procedures, p => p.ProcessingTime.Value is null);
        Assert.Contains(seed.Procedures, p => p.ProcessingTime.Unit == ProcessingTimeUnit.WorkingHours);
        Assert.Contains(seed.Procedures, p => p.ProcessingTime.Unit == ProcessingTimeUnit.CalendarDays);
        Assert.Contains(seed.Procedures, p => p.OnlineProcessingTime is not null);
        Assert.All(seed.Procedures, p => Assert.Matches(@"^\d\.\d{6}$", p.Code));
        Assert.All(seed.Procedures, p => Assert.Contains(seed.Agencies, a => a.Code == p.AgencyCode));
        Assert.All(seed.Agencies, a => Assert.True(AgencyCode.IsValid(a.Code), a.Code));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_procedure_upsert_with_a_later_effective_date_replaces_it_from_that_date(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        var old = (await t.Store.FindProcedureAsync("1.001612", "000.00.25.H47", new(2026, 1, 1)))!;
        await t.Store.UpsertProcedureAsync(old with { EffectiveTo = new(2027, 1, 1) });
        await t.Store.UpsertProcedureAsync(old with { ProcessingTime = new(2, ProcessingTimeUnit.WorkingDays), EffectiveFrom = new(2027, 1, 1) });

        Assert.Equal(3, (await t.Store.FindProcedureAsync("1.001612", "000.00.25.H47", new(2026, 12, 31)))!.ProcessingTime.Value);
        Assert.Equal(2, (await t.Store.FindProcedureAsync("1.001612", "000.00.25.H47", new(2027, 1, 1)))!.ProcessingTime.Value);
        Assert.Single(await t.Store.GetProceduresAsync(new(2027, 1, 1)), p => p.Code == "1.001612");
    }

    private sealed class OfficeHoursComparer : IEqualityComparer<OfficeHours>
    {
        public bool Equals(OfficeHours? x, OfficeHours? y) => x!.Sessions.SequenceEqual(y!.Sessions);
        public int GetHashCode(OfficeHours obj) => obj.Sessions.Count;
    }
}
