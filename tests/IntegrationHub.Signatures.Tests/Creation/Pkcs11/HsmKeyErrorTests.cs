using System.Text;
using IntegrationHub.Signatures.Creation.Pkcs11;
using IntegrationHub.Signatures.Validation;
using IntegrationHub.Tests.Pkcs11;

namespace IntegrationHub.Signatures.Tests.Creation.Pkcs11;

/// <summary>An HSM key that cannot be used is a clear error naming the cause (never the PIN), and nothing is signed.</summary>
[Collection(HsmCollection.Name)]
public sealed class HsmKeyErrorTests(HsmFixture hsm)
{
    private static readonly byte[] Document = Encoding.UTF8.GetBytes("Kết quả giải quyết hồ sơ");

    [RequiresSoftHsmFact]
    public async Task Wrong_PIN_is_CKR_PIN_INCORRECT_without_the_PIN_and_the_right_PIN_then_works()
    {
        using (var wrong = hsm.Key(HsmFixture.PinToken, pin: "not-the-pin-9876"))
        {
            var error = await Assert.ThrowsAsync<Pkcs11KeyException>(() => hsm.Seal(wrong, "cades-attached", Document));
            Assert.Contains("refused the PIN (CKR_PIN_INCORRECT)", error.Message);
            Assert.Contains(HsmFixture.PinToken, error.Message);
            Assert.DoesNotContain("not-the-pin-9876", error.ToString());
        }
        using var right = hsm.Key(HsmFixture.PinToken);
        Assert.Equal(Indication.TotalPassed, hsm.Validate("a.p7s", await hsm.Seal(right, "cades-attached", Document)).Indication);
    }

    [RequiresSoftHsmFact]
    public async Task Missing_token_label_says_no_such_token_is_present()
    {
        using var key = hsm.Key("no-such-token");
        var error = await Assert.ThrowsAsync<Pkcs11KeyException>(() => hsm.Seal(key, "cades-attached", Document));
        Assert.Equal($"No token 'no-such-token' is present in {SoftHsm.Library}.", error.Message);
    }

    [RequiresSoftHsmFact]
    public async Task Removed_key_says_no_private_key_with_that_label_and_signs_nothing()
    {
        using var key = hsm.Key(HsmFixture.RemovedToken);
        Assert.Equal(Indication.TotalPassed, hsm.Validate("a.p7s", await hsm.Seal(key, "cades-attached", Document)).Indication);

        hsm.Hsm.DeletePrivateKey(HsmFixture.RemovedToken, HsmFixture.KeyLabel);

        var error = await Assert.ThrowsAsync<Pkcs11KeyException>(() => hsm.Seal(key, "cades-attached", Document));
        Assert.Equal($"No private key labelled '{HsmFixture.KeyLabel}' is on the token '{HsmFixture.RemovedToken}'.", error.Message);
    }

    [RequiresSoftHsmFact]
    public async Task Wrong_key_label_on_a_present_token_is_the_same_clear_error()
    {
        using var key = hsm.Key(HsmFixture.RsaToken, keyLabel: "no-such-key");
        var error = await Assert.ThrowsAsync<Pkcs11KeyException>(() => hsm.Seal(key, "pades", Document));
        Assert.Contains("No private key labelled 'no-such-key'", error.Message);
    }

    [Fact]
    public void Missing_library_file_says_the_library_does_not_exist()
    {
        using var key = hsm.Key(HsmFixture.RsaToken, library: "/nonexistent/libno-such-hsm.so");
        var error = Assert.Throws<Pkcs11KeyException>(() => key.Certificate);
        Assert.Equal("The PKCS#11 library /nonexistent/libno-such-hsm.so does not exist.", error.Message);
    }

    [Fact]
    public void Ecdsa_r_and_s_from_the_token_become_a_minimal_DER_sequence()
    {
        byte[] rs = [0x00, 0x00, 0x7F, 0x01, 0x80, 0x00, 0x00, 0x02];
        Assert.Equal([0x30, 0x0B, 0x02, 0x02, 0x7F, 0x01, 0x02, 0x05, 0x00, 0x80, 0x00, 0x00, 0x02], Pkcs11SignatureValues.EcdsaToDer(rs));
    }
}
