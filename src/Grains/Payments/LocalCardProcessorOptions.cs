namespace VetActors.Grains.Payments;

/// <summary>
/// The fee schedule of the default, local card processor (section <c>Payments:LocalProcessor</c>): a fee of
/// <see cref="FeeBasisPoints"/> ten-thousandths of each capture plus <see cref="FixedFeeMinorUnits"/>. No fee by
/// default, since no processor is involved.
/// </summary>
public sealed class LocalCardProcessorOptions
{
    public const string SectionName = "Payments:LocalProcessor";

    public int FeeBasisPoints { get; set; }

    public long FixedFeeMinorUnits { get; set; }
}
