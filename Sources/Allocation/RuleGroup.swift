import Estate

/// A group of feasibility rules that an infeasible scenario's explanation relaxes as a whole: one relaxable kind of
/// the rule catalogue (``RuleKind/relaxable``).
///
/// The base rules (each firm on at most one plot, each plot at most one firm, eligibility) are never relaxed: with
/// every group relaxed, leaving every firm out is a feasible layout. Each group is the union of its members
/// (``RuleMember``): relaxing the group relaxes every member. Raw values are the snake_case names used in JSON.
public typealias RuleGroup = RuleKind
