using Laobao.Web.Features.DeviceLinking;

namespace Laobao.Web.Tests.Features.DeviceLinking;

public sealed class QrImageTests
{
    [Fact]
    public void TheQrPngDecodesToTheLinkUrl()
    {
        const string url = "https://desk.example.tw/app/#link=q4m2Zx8cE1pW0aS3dF6gHw";
        Assert.Equal(url, QrDecoder.DecodeDataUri(QrImage.PngDataUri(url)));
    }

    [Fact]
    public void EveryFreshTicketUrlDecodes()
    {
        for (var i = 0; i < 300; i++)
        {
            var url = "https://desk.test/app/#link=" + Laobao.Client.DeviceProof.ToBase64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            Assert.Equal(url, QrDecoder.DecodeDataUri(QrImage.PngDataUri(url)));
        }
    }
}
