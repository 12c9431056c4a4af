namespace GruPedalPi.Hardware.Controls;

/// <summary>
/// Soft takeover of one knob after its parameter was set elsewhere (a preset load, the control socket):
/// in pickup mode the knob takes over only once it is moved to, or across, the parameter's value; in jump mode
/// on any movement. Works on knob positions (0..1). Pure and allocation-free.
/// </summary>
public sealed class KnobPickup
{
    /// <summary>How close (in knob travel, 0..1) counts as "at" the value: 1 % of the rotation.</summary>
    public const double Tolerance = 0.01;

    private readonly bool _jump;
    private double _target;
    private int _side;

    /// <summary>Creates a pickup that starts live (the knob controls its parameter).</summary>
    /// <param name="jump">True for jump mode (take over on any movement), false for pickup.</param>
    public KnobPickup(bool jump) => _jump = jump;

    /// <summary>True while the knob waits to take over.</summary>
    public bool Waiting { get; private set; }

    /// <summary>The position the knob must reach (meaningful while <see cref="Waiting"/>).</summary>
    public double TargetPosition => _target;

    /// <summary>Makes the knob wait: its parameter is now at <paramref name="targetPosition"/>, the knob at <paramref name="knobPosition"/>.</summary>
    public void Arm(double targetPosition, double knobPosition)
    {
        _target = targetPosition;
        _side = Math.Abs(knobPosition - targetPosition) <= Tolerance ? 0 : Math.Sign(knobPosition - targetPosition);
        Waiting = true;
    }

    /// <summary>The knob moved to <paramref name="knobPosition"/>: true when it controls its parameter
    /// (already, or from now: see <see cref="Waiting"/> before the call to tell a takeover).</summary>
    public bool Observe(double knobPosition)
    {
        if (!Waiting)
        {
            return true;
        }

        var side = Math.Sign(knobPosition - _target);
        if (_jump || _side == 0 || Math.Abs(knobPosition - _target) <= Tolerance || side != _side)
        {
            Waiting = false;
            return true;
        }

        return false;
    }
}
