import MIPModel

/// The scenario format's shapes, one per Codable type; keys come from each type's `CodingKeys`.
///
/// Required keys are exactly those the type's decoder reads with `decode` (not `decodeIfPresent`) or that are
/// non-optional in a synthesized decoder; `ScenarioLoaderTests` checks a minimal file decodes.
extension KeySchema {
    /// The whole document.
    static let scenario: KeySchema = .object(Scenario.CodingKeys.self) { key in
        switch key {
        case .metadata: (metadata, true)
        case .site: (site, true)
        case .sectors: (.list(sector), true)
        case .closeness: (closenessChart, false)
        case .firms: (.list(firm), true)
        case .rules: (rules, true)
        case .solver: (solverSettings, false)
        case .incumbentsFrom: (.string, false)
        }
    }

    static let metadata: KeySchema = .object(Metadata.CodingKeys.self) { key in
        switch key {
        case .name: (.string, true)
        case .description: (.string, false)
        case .units: (units, false)
        }
    }

    static let units: KeySchema = .object(Metadata.Units.CodingKeys.self) { key in
        switch key {
        case .area, .distance, .money: (.string, false)
        }
    }

    static let site: KeySchema = .object(Site.CodingKeys.self) { key in
        switch key {
        case .phases: (.list(phase), true)
        case .zones: (.list(zone), true)
        case .powerBlocks: (.list(powerBlock), true)
        case .plots: (.list(plot), false)
        case .crs: (.string, false)
        case .plotsFrom: (plotSource, false)
        case .roadsFrom: (roadSource, false)
        case .boundaryFrom, .greenFrom: (areaSource, false)
        case .rawBlocks: (.list(rawBlock), false)
        case .cutting: (cuttingRules, false)
        case .merging: (mergingRules, false)
        case .sensitiveFrom, .treatmentFrom: (placeSource, false)
        }
    }

    static let placeSource: KeySchema = .object(PlaceSource.CodingKeys.self) { key in
        switch key {
        case .file, .id: (.string, true)
        case .filter: (featureFilter, false)
        case .label: (.string, false)
        }
    }

    static let featureFilter: KeySchema = .object(FeatureFilter.CodingKeys.self) { key in
        switch key {
        case .property, .equals: (.string, true)
        }
    }

    static let plotSource: KeySchema = .object(PlotSource.CodingKeys.self) { key in
        switch key {
        case .file, .id: (.string, true)
        case .filter: (featureFilter, false)
        case .phase, .zone, .powerBlock, .frontage, .rent, .area: (.string, false)
        case .defaults: (plotDefaults, false)
        }
    }

    static let plotDefaults: KeySchema = .object(PlotDefaults.CodingKeys.self) { key in
        switch key {
        case .phase, .zone, .powerBlock: (.string, false)
        case .frontage: (.choice(RoadFrontage.self), false)
        case .rent: (.number, false)
        }
    }

    static let roadSource: KeySchema = .object(RoadSource.CodingKeys.self) { key in
        switch key {
        case .file: (.string, true)
        case .filter: (featureFilter, false)
        case .roadClass, .width: (.string, false)
        case .defaultClass: (.choice(RoadFrontage.self), false)
        case .defaultWidth: (.number, false)
        }
    }

    static let areaSource: KeySchema = .object(AreaSource.CodingKeys.self) { key in
        switch key {
        case .file: (.string, true)
        case .filter: (featureFilter, false)
        }
    }

    static let phase: KeySchema = .object(Phase.CodingKeys.self) { key in
        switch key {
        case .id: (.string, true)
        case .label: (.string, false)
        case .area: (.number, true)
        case .otherLand: (otherLand, false)
        }
    }

    static let otherLand: KeySchema = .object(Phase.OtherLand.CodingKeys.self) { key in
        switch key {
        case .roads, .green, .facilities: (.number, false)
        }
    }

    static let zone: KeySchema = .object(Zone.CodingKeys.self) { key in
        switch key {
        case .id: (.string, true)
        case .label: (.string, false)
        }
    }

    static let powerBlock: KeySchema = .object(PowerBlock.CodingKeys.self) { key in
        switch key {
        case .id: (.string, true)
        case .capacityKVA: (.number, true)
        }
    }

    static let plot: KeySchema = .object(Plot.CodingKeys.self) { key in
        switch key {
        case .id, .phase, .zone, .powerBlock: (.string, true)
        case .area, .x, .y: (.number, true)
        case .width, .depth, .rotation, .rent: (.number, false)
        case .reserved, .mergeable: (.bool, false)
        case .frontage: (.choice(RoadFrontage.self), true)
        }
    }

    static let rawBlock: KeySchema = .object(RawBlock.CodingKeys.self) { key in
        switch key {
        case .id, .phase, .zone, .powerBlock: (.string, true)
        case .frontage: (.choice(RoadFrontage.self), true)
        case .x, .y, .length, .depth: (.number, true)
        case .rent, .rotation, .module, .minWidth, .maxWidth: (.number, false)
        }
    }

    static let cuttingRules: KeySchema = .object(CuttingRules.CodingKeys.self) { key in
        switch key {
        case .module, .minWidth, .maxWidth: (.number, true)
        }
    }

    static let mergingRules: KeySchema = .object(MergingRules.CodingKeys.self) { key in
        switch key {
        case .maxPlots: (.integer, true)
        }
    }

    static let landUseRule: KeySchema = .object(LandUseRule.CodingKeys.self) { key in
        switch key {
        case .maxPlotShare: (.number, true)
        }
    }

    static let sector: KeySchema = .object(Sector.CodingKeys.self) { key in
        switch key {
        case .id, .label: (.string, true)
        case .zones: (.list(.string), true)
        }
    }

    static let closenessChart: KeySchema = .object(ClosenessChart.CodingKeys.self) { key in
        switch key {
        case .sectors, .firms: (.list(pairRating), false)
        }
    }

    static let pairRating: KeySchema = .object(PairRating.CodingKeys.self) { key in
        switch key {
        case .a, .b: (.string, true)
        case .rating: (.choice(ClosenessRating.self), true)
        case .reason: (.string, false)
        }
    }

    static let firm: KeySchema = .object(Firm.CodingKeys.self) { key in
        switch key {
        case .id, .sector: (.string, true)
        case .name, .incumbentPlot: (.string, false)
        case .area: (areaRange, true)
        case .workers: (.integer, false)
        case .turnover, .powerKVA, .maxRent, .priority: (.number, false)
        case .needsMainRoad, .required: (.bool, false)
        case .tags: (.list(.string), false)
        case .kind: (.choice(FirmKind.self), false)
        case .lock: (firmLock, false)
        }
    }

    static let firmLock: KeySchema = .object(FirmLock.CodingKeys.self) { key in
        switch key {
        case .plot: (.string, false)
        case .allowedPlots, .forbiddenPlots, .allowedBlocks, .forbiddenBlocks: (.list(.string), false)
        }
    }

    static let areaRange: KeySchema = .object(AreaRange.CodingKeys.self) { key in
        switch key {
        case .min, .max: (.number, true)
        }
    }

    static let rules: KeySchema = .object(Rules.CodingKeys.self) { key in
        switch key {
        case .adjacencyDistance, .separationDistance: (.number, true)
        case .ratingWeights: (ratingWeights, false)
        case .incumbents: (incumbentPolicy, false)
        case .quotas: (.list(quota), false)
        case .placementValue: (placementWeights, false)
        case .wastewater: (wastewater, false)
        case .buffers: (.list(sensitivePlace), false)
        case .geometry: (geometryRules, false)
        case .landUse: (landUseRule, false)
        }
    }

    static let geometryRules: KeySchema = .object(
        GeometryRules.CodingKeys.self,
        conditional: [(key: .minSharedBoundary, when: .neighbours, equals: GeometryRules.Neighbours.sharedBoundary.rawValue)]
    ) { key in
        switch key {
        case .neighbours: (.choice(GeometryRules.Neighbours.self), false)
        case .minSharedBoundary, .acrossRoadWithin: (.number, false)
        case .separation, .buffers: (.choice(GeometryRules.Separation.self), false)
        }
    }

    static let ratingWeights: KeySchema = .object(RatingWeights.CodingKeys.self) { key in
        switch key {
        case .a, .e, .i, .o, .u, .x: (.number, false)
        }
    }

    static let incumbentPolicy: KeySchema = .object(
        IncumbentPolicy.CodingKeys.self, conditional: [(key: .movePenalty, when: .policy, equals: "movable")]
    ) { key in
        switch key {
        case .policy: (.choice(["fixed", "movable"]), true)
        case .movePenalty: (.number, false)
        }
    }

    static let quota: KeySchema = .object(Quota.CodingKeys.self) { key in
        switch key {
        case .sector, .tag: (.string, false)
        case .minCount: (.integer, false)
        case .minShare: (.number, false)
        }
    }

    static let placementWeights: KeySchema = .object(PlacementWeights.CodingKeys.self) { key in
        switch key {
        case .base, .perWorker, .perBillionIDR, .perPriority: (.number, false)
        }
    }

    static let solverSettings: KeySchema = .object(SolverSettings.CodingKeys.self) { key in
        switch key {
        case .timeLimit, .gap: (.number, false)
        case .workLimit, .seed: (.integer, false)
        case .lotterySeed: (.string, false)
        case .presolve, .feasibilityPump, .proximitySearch, .warmStart, .blockBound: (.bool, false)
        case .cuts: (.list(.choice(CutFamily.self)), false)
        case .branching: (.choice(BranchingRule.self), false)
        case .backtracking: (.choice(BacktrackingRule.self), false)
        }
    }
}
