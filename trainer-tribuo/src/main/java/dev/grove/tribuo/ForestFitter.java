package dev.grove.tribuo;

import dev.grove.data.Dataset;
import dev.grove.train.CategoricalEncoding;
import dev.grove.train.FitProgress;
import dev.grove.internal.forest.WorkerFailure;
import dev.grove.internal.forest.Workers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Tribuo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.ensemble.EnsembleModel;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains the forest: binned inputs into one Tribuo dataset, then one fresh
 * {@link RandomForestTrainer} (over a fresh {@link CARTClassificationTrainer}) per
 * {@link SubForest}, run on {@code threads} workers, and the members exported to a
 * {@link FlatForest} in sub-forest order.
 */
final class ForestFitter {
    private static final Logger LOG = LoggerFactory.getLogger(ForestFitter.class);
    private static final AtomicInteger POOLS = new AtomicInteger();

    /**
     * @param tribuoMembers the Tribuo trees in forest order when asked for (to check the flat
     *                      forest against Tribuo's own ensemble), else empty
     * @param tribuoOutputs Tribuo's label ids, whose order breaks voting ties
     */
    record Result(InputSpace space, FlatForest forest, Map<String, Object> params, Map<String, Object> provenance,
                  List<Model<Label>> tribuoMembers, ImmutableOutputInfo<Label> tribuoOutputs) {
    }

    /** A finished sub-forest: its flat trees, and Tribuo's only when asked to keep them. */
    private record Slice(List<FlatTree> trees, List<Model<Label>> tribuoTrees) {
    }

    private ForestFitter() {
    }

    static Result fit(Dataset train, TribuoSettings settings, FitProgress progress, boolean keepTribuoTrees) {
        return fit(train, settings, progress, keepTribuoTrees, true);
    }

    /**
     * @param histogramNodes whether to grow {@link HistogramTrainingNode}s where the data allows;
     *                       {@code false} grows Tribuo's own nodes (the same trees, slowly), for tests
     */
    static Result fit(Dataset train, TribuoSettings settings, FitProgress progress, boolean keepTribuoTrees,
                      boolean histogramNodes) {
        TribuoLogging.quiet();
        InputSpace space = InputSpace.fit(train, settings.maxBins(), settings.categorical().orElse(CategoricalEncoding.AUTO));
        InputColumns columns = columns(space, train, histogramNodes);
        InputCodes codes = columns instanceof InputCodes c ? c : null;
        MutableDataset<Label> data = tribuoDataset(train, columns, space.width());
        LOG.debug("tribuo nodes: {}", codes != null ? "histogram" : "Tribuo's own (an input has more than "
                + InputCodes.MAX_DISTINCT + " distinct values)");
        int inputs = data.getFeatureIDMap().size();
        int mtry = settings.mtry(inputs);
        float fraction = TribuoSettings.fraction(mtry, inputs);
        List<SubForest> plan = SubForest.plan(settings.nEstimators(), settings.treesPerSubForest(), settings.randomState());

        Map<String, Integer> classIndex = new HashMap<>();
        for (int c = 0; c < train.classes().size(); c++) {
            classIndex.put(train.classes().get(c), c);
        }
        ImmutableOutputInfo<Label> outputs = data.getOutputIDInfo();
        int[] voteOrder = new int[outputs.size()];
        for (int id = 0; id < voteOrder.length; id++) {
            voteOrder[id] = classIndex.get(outputs.getOutput(id).getLabel());
        }

        List<Slice> slices = trainSubForests(data, codes, settings, fraction, plan, progress,
                m -> export(m, space.width(), classIndex, train.classes().size()), keepTribuoTrees);
        List<FlatTree> trees = new ArrayList<>(settings.nEstimators());
        List<Model<Label>> kept = new ArrayList<>();
        for (Slice slice : slices) {
            trees.addAll(slice.trees());
            kept.addAll(slice.tribuoTrees());
        }
        FlatForest forest = new FlatForest(trees, space.width(), train.classes().size(), voteOrder);
        LOG.debug("tribuo forest: {} trees, {} nodes, {} inputs", forest.trees(), forest.nodes(), inputs);

        Map<String, Object> provenance = provenance(train, data, settings, fraction, plan);
        Map<String, Object> params = settings.toMap(inputs, plan.size());
        CategoricalEncoding.record(params, settings.categorical(), space.encoding());
        return new Result(space, forest, params, provenance, List.copyOf(kept), outputs);
    }

    /**
     * The training inputs the examples read: their codes when the histogram nodes can use them (the
     * input columns are then dropped, here, so they can be collected before the trees grow), else
     * the input columns.
     */
    private static InputColumns columns(InputSpace space, Dataset train, boolean histogramNodes) {
        double[][] x = space.inputs(train.features()); // [input][row]
        Optional<InputCodes> codes = histogramNodes ? InputCodes.of(x) : Optional.empty();
        if (codes.isPresent()) {
            return codes.get();
        }
        return (input, row) -> x[input][row];
    }

    /** Tribuo's dataset of the training rows: {@link ColumnExample}s over {@code columns}. */
    private static MutableDataset<Label> tribuoDataset(Dataset train, InputColumns columns, int width) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("grove training split", factory), factory);
        String[] names = new String[width];
        for (int i = 0; i < names.length; i++) {
            names[i] = InputSpace.inputName(i);
        }
        Label[] labels = train.classes().stream().map(Label::new).toArray(Label[]::new);
        for (int r = 0; r < train.size(); r++) {
            data.add(new ColumnExample(labels[train.label(r)], names, columns, r));
        }
        return data;
    }

    /** @param codes the coded training data for the fast node, or {@code null} for Tribuo's own */
    static RandomForestTrainer<Label> trainerFor(TribuoSettings s, float fraction, SubForest slice, InputCodes codes) {
        CARTClassificationTrainer cart = HistogramCartTrainer.of(s.maxDepth(), s.minLeaf(), fraction, slice.treeSeed(),
                codes);
        return new RandomForestTrainer<>(cart, new VotingCombiner(), slice.trees(), slice.bagSeed());
    }

    private static List<Slice> trainSubForests(MutableDataset<Label> data, InputCodes codes, TribuoSettings settings,
                                               float fraction,
                                               List<SubForest> plan, FitProgress progress,
                                               Function<TreeModel<Label>, FlatTree> exporter, boolean keepTribuoTrees) {
        int workers = Math.min(settings.threads(), plan.size());
        int pool = POOLS.incrementAndGet();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "grove-tribuo-" + pool + "-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<Integer> done = new ExecutorCompletionService<>(executor);
            List<Slice> results = new ArrayList<>(plan.size());
            for (int i = 0; i < plan.size(); i++) {
                results.add(null);
            }
            for (SubForest slice : plan) {
                done.submit(() -> {
                    // A fresh trainer per slice: Tribuo trainers keep state (RNGs, invocation counts).
                    EnsembleModel<Label> model = trainerFor(settings, fraction, slice, codes).train(data);
                    // Exported at once, so the bulkier Tribuo trees of finished slices can be collected.
                    List<FlatTree> flat = model.getModels().stream().map(m -> exporter.apply((TreeModel<Label>) m))
                            .toList();
                    Slice finished = new Slice(flat, keepTribuoTrees ? List.copyOf(model.getModels()) : List.of());
                    synchronized (results) {
                        results.set(slice.index(), finished);
                    }
                    return slice.trees();
                });
            }
            int treesDone = 0;
            for (int finished = 1; finished <= plan.size(); finished++) {
                Future<Integer> f = done.take();
                treesDone += f.get();
                progress.update((double) treesDone / settings.nEstimators(),
                        "sub-forest " + finished + " of " + plan.size() + " done (" + treesDone + " of "
                                + settings.nEstimators() + " trees)");
            }
            synchronized (results) {
                return List.copyOf(results);
            }
        } catch (InterruptedException e) {
            throw Workers.interrupted("tribuo training", e);
        } catch (ExecutionException e) {
            throw WorkerFailure.unwrap(e, "tribuo training failed");
        } finally {
            Workers.stop(executor); // the workers stop at their next node
        }
    }

    private static FlatTree export(TreeModel<Label> tree, int width, Map<String, Integer> classIndex, int classes) {
        ImmutableFeatureMap fmap = tree.getFeatureIDMap();
        int[] inputOfId = new int[fmap.size()];
        for (int i = 0; i < width; i++) {
            int id = fmap.getID(InputSpace.inputName(i));
            if (id >= 0) {
                inputOfId[id] = i;
            }
        }
        return FlatTree.of(tree.getRoot(), inputOfId, classIndex, classes);
    }

    /** Tribuo's record of the training (trainer configuration and data), not the per-tree provenance. */
    private static Map<String, Object> provenance(Dataset train, MutableDataset<Label> data, TribuoSettings settings,
                                                  float fraction, List<SubForest> plan) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("library", "Tribuo " + Tribuo.VERSION);
        p.put("trainer_class", RandomForestTrainer.class.getName());
        p.put("tree_trainer_class", HistogramCartTrainer.class.getName());
        p.put("tree_trainer_base_class", CARTClassificationTrainer.class.getName());
        p.put("combiner_class", VotingCombiner.class.getName());
        p.put("ensemble", "one voting ensemble of the members of " + plan.size() + " sub-forests, uniform weights");
        // Every slice's trainer is configured alike but for its seeds: keep the first one's full record.
        p.put("trainer_provenance", trainerFor(settings, fraction, plan.get(0), null).getProvenance().toString());
        // ordered maps only: this JSON is part of the model file, whose bytes must not vary between JVMs
        p.put("sub_forest_seeds", plan.stream().map(s -> {
            Map<String, Object> seeds = new LinkedHashMap<>();
            seeds.put("trees", s.trees());
            seeds.put("tree_seed", s.treeSeed());
            seeds.put("bag_seed", s.bagSeed());
            return seeds;
        }).toList());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("dataset_class", data.getClass().getName());
        d.put("examples", data.size());
        d.put("features", data.getFeatureIDMap().size());
        d.put("outputs", data.getOutputIDInfo().size());
        d.put("source_path", train.source().path().toString());
        d.put("source_sha256", train.source().sha256());
        p.put("dataset", d);
        return p;
    }
}
