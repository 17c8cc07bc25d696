using IntegrationHub.Core.Dossiers;

namespace IntegrationHub.Core.Tests.Dossiers;

public class SubmissionFingerprintTests
{
    private static readonly NewDossier Base = new(
        "000.00.25.H47-261128-0001", "1.001612", "000.00.25.H47",
        new DateTimeOffset(2026, 11, 28, 9, 30, 0, TimeSpan.FromHours(7)), SubmissionChannel.Online,
        new Applicant("Trần Tấn Phú", "054090001234", "0901234567", "phu@example.vn"),
        DueAt: null, VerticalSystem: null,
        [new DocumentUpload("don.pdf", "application/pdf", [1, 2, 3], null, null, false)]);

    [Fact]
    public void Sha256_hex_is_lower_case_of_the_content()
        => Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", SubmissionFingerprint.Sha256Hex("abc"u8));

    [Fact]
    public void The_same_submission_has_the_same_fingerprint_and_ignores_what_the_hub_computed()
    {
        Assert.Equal(SubmissionFingerprint.Compute(Base), SubmissionFingerprint.Compute(Base with { }));
        Assert.Equal(SubmissionFingerprint.Compute(Base),
            SubmissionFingerprint.Compute(Base with { DueAt = Base.ReceivedAt.AddDays(3), VerticalSystem = "trade" }));
    }

    public static TheoryData<string, NewDossier> Changes => new()
    {
        { "code", Base with { Code = "000.00.25.H47-261128-0002" } },
        { "procedure", Base with { ProcedureCode = "1.001613" } },
        { "agency", Base with { AgencyCode = "000.00.26.H47" } },
        { "received instant", Base with { ReceivedAt = Base.ReceivedAt.AddTicks(1) } },
        { "channel", Base with { Channel = SubmissionChannel.Counter } },
        { "applicant name", Base with { Applicant = Base.Applicant with { Name = "Trần Tấn Phúc" } } },
        { "id number", Base with { Applicant = Base.Applicant with { IdNumber = "054090001235" } } },
        { "phone", Base with { Applicant = Base.Applicant with { Phone = null } } },
        { "email", Base with { Applicant = Base.Applicant with { Email = "other@example.vn" } } },
        { "document name", Base with { Documents = [Base.Documents[0] with { Name = "don2.pdf" }] } },
        { "media type", Base with { Documents = [Base.Documents[0] with { MediaType = "application/octet-stream" }] } },
        { "content", Base with { Documents = [Base.Documents[0] with { Content = [1, 2, 4] }] } },
        { "detached signature", Base with { Documents = [Base.Documents[0] with { DetachedSignature = [9] }] } },
        { "one more document", Base with { Documents = [Base.Documents[0], Base.Documents[0]] } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_field_the_submitter_sent_changes_the_fingerprint(string field, NewDossier changed)
        => Assert.True(SubmissionFingerprint.Compute(Base) != SubmissionFingerprint.Compute(changed), field);

    [Fact]
    public void A_copy_with_other_content_has_the_hash_of_its_own_content()
    {
        var original = new DocumentUpload("don.pdf", "application/pdf", [1, 2, 3], [7], null, false);
        _ = (original.Sha256, original.DetachedSignatureSha256); // computed and cached
        var copy = original with { Content = [4, 5, 6], DetachedSignature = [8] };
        Assert.Equal(SubmissionFingerprint.Sha256Hex([4, 5, 6]), copy.Sha256);
        Assert.Equal(SubmissionFingerprint.Sha256Hex([8]), copy.DetachedSignatureSha256);
        Assert.Equal(SubmissionFingerprint.Sha256Hex([1, 2, 3]), original.Sha256);
    }
}
